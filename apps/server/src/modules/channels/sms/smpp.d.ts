/** The parts of the `smpp` package (no published types) that Banyan uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    [key: string]: unknown;
    command: string;
    command_status: number;
    sequence_number: number;
    response(options?: Record<string, unknown>): PDU;
  }

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: unknown, responseCallback?: (pdu: never) => void, sendCallback?: () => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, callback?: (pdu: never) => void): boolean;
    enquire_link(options?: Record<string, unknown>, callback?: (pdu: never) => void): boolean;
    unbind(callback?: (pdu: never) => void): boolean;
    deliver_sm(options: Record<string, unknown>, callback?: (pdu: never) => void): boolean;
    submit_sm(options: Record<string, unknown>, callback?: (pdu: never) => void): boolean;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: { host: string; port: number }): Session;
  export function createServer(
    options: Record<string, unknown>,
    listener: (session: Session) => void,
  ): Server;

  const smpp: {
    PDU: typeof PDU;
    connect: typeof connect;
    createServer: typeof createServer;
  };
  export default smpp;
}
