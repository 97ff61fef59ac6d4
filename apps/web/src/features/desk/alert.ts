// How a new offer gets the agent's attention: a short tone and, when allowed, a desktop notification.

let audio: AudioContext | null = null;

/** A 180 ms two-tone beep made with WebAudio (no sound file to ship or to allow in the CSP). */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    // Browsers start the context suspended until the page has had a user gesture; the desk page
    // always has one (sign-in, a click) before an offer arrives.
    void audio.resume();
    const now = audio.currentTime;
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.18);
    gain.connect(audio.destination);
    const oscillator = audio.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, now);
    oscillator.frequency.setValueAtTime(1320, now + 0.09);
    oscillator.connect(gain);
    oscillator.start(now);
    oscillator.stop(now + 0.2);
  } catch {
    // No audio device or WebAudio: the card and the notification still show.
  }
}

export const canNotify = () => typeof Notification !== 'undefined';

export function notifyDesktop(title: string, body: string): void {
  if (!canNotify() || Notification.permission !== 'granted' || document.hasFocus()) return;
  const notification = new Notification(title, { body, tag: 'banyan-offer' });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}
