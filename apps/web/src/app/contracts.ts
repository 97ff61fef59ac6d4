// The REST contract, typed from the TypeBox schemas the server validates with (packages/contracts),
// so a change there fails the web type-check instead of a screen at run time. Type-only: nothing of
// TypeBox reaches the browser bundle.
import type { Static } from 'typebox';
import type {
  AgentBoard as AgentBoardSchema,
  CalendarList as CalendarListSchema,
  Calendar as CalendarSchema,
  CalendarStatus as CalendarStatusSchema,
  CannedResponseList as CannedResponseListSchema,
  CannedResponse as CannedResponseSchema,
  ContactReasonList as ContactReasonListSchema,
  ContactReason as ContactReasonSchema,
  ConversationDetail as ConversationDetailSchema,
  ConversationList as ConversationListSchema,
  ConversationSummary as ConversationSummarySchema,
  DeskOfferList as DeskOfferListSchema,
  DeskOffer as DeskOfferSchema,
  MessageView as MessageViewSchema,
  PostedMessage as PostedMessageSchema,
  QueueBoard as QueueBoardSchema,
  QueueList as QueueListSchema,
  Queue as QueueSchema,
  ReassignConversation as ReassignConversationSchema,
  RotatedSecret as RotatedSecretSchema,
  WebchatSiteList as WebchatSiteListSchema,
  WebchatSite as WebchatSiteSchema,
} from '../../../../packages/contracts/src/desk.ts';
import type {
  ApiToken as ApiTokenSchema,
  AuditItem as AuditItemSchema,
  AuditList as AuditListSchema,
  AuditVerifyReply as AuditVerifyReplySchema,
  Branch as BranchSchema,
  CreatedApiToken as CreatedApiTokenSchema,
  CreateUser as CreateUserContract,
  DepartmentBody as DepartmentBodyContract,
  Department as DepartmentSchema,
  LoginReply as LoginReplySchema,
  MfaEnrollReply as MfaEnrollReplySchema,
  MfaVerifyReply as MfaVerifyReplySchema,
  RolesReply as RolesReplySchema,
  SessionItem as SessionItemSchema,
  SkillMemberList as SkillMemberListSchema,
  SkillMember as SkillMemberSchema,
  Skill as SkillSchema,
  Team as TeamSchema,
  Theme as ThemeSchema,
  UpdateUser as UpdateUserContract,
  UserList as UserListSchema,
  UserSkill as UserSkillSchema,
} from '../../../../packages/contracts/src/staff.ts';

export type {
  CreateCalendar,
  CreateCannedResponse,
  CreateContactReason,
  CreateQueue,
  CreateSharedCannedResponse,
  DeskState,
  SetDeskState,
  UpdateCalendar,
  UpdateCannedResponse,
  UpdateContactReason,
  UpdateQueue,
  UpdateWebchatSite,
} from '../../../../packages/contracts/src/desk.ts';

export type {
  BranchBody,
  ChangePasswordBody,
  CreateApiToken,
  LoginBody,
  Me,
  PreferencesBody,
  SessionState,
  SkillBody,
  SkillLevelBody,
  SkillPatch,
  TeamBody,
  User,
} from '../../../../packages/contracts/src/staff.ts';

export type ApiToken = Static<typeof ApiTokenSchema>;
export type AuditItem = Static<typeof AuditItemSchema>;
export type AuditList = Static<typeof AuditListSchema>;
export type AuditVerifyReply = Static<typeof AuditVerifyReplySchema>;
export type ConversationDetail = Static<typeof ConversationDetailSchema>;
export type ConversationList = Static<typeof ConversationListSchema>;
export type ConversationSummary = Static<typeof ConversationSummarySchema>;
export type DeskOffer = Static<typeof DeskOfferSchema>;
export type DeskOfferList = Static<typeof DeskOfferListSchema>;
export type MessageView = Static<typeof MessageViewSchema>;
export type PostedMessage = Static<typeof PostedMessageSchema>;
export type Branch = Static<typeof BranchSchema>;
export type CreatedApiToken = Static<typeof CreatedApiTokenSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type LoginReply = Static<typeof LoginReplySchema>;
export type MfaEnrollReply = Static<typeof MfaEnrollReplySchema>;
export type MfaVerifyReply = Static<typeof MfaVerifyReplySchema>;
export type RolesReply = Static<typeof RolesReplySchema>;
export type SessionItem = Static<typeof SessionItemSchema>;
export type Skill = Static<typeof SkillSchema>;
export type Team = Static<typeof TeamSchema>;
export type Theme = Static<typeof ThemeSchema>;
export type UserList = Static<typeof UserListSchema>;
export type UserSkill = Static<typeof UserSkillSchema>;

// RoleName and DepartmentKind are declared in packages/contracts as `Type.Union(list.map(Type.Literal))`,
// whose static type is `never`; until they are literal tuples there, these bodies restate the two fields.
export type DepartmentKind = 'front_office' | 'back_office' | 'branch_network' | 'management';
export type CreateUser = Omit<CreateUserContract, 'roles'> & { roles: string[] };
export type UpdateUser = Omit<UpdateUserContract, 'roles'> & { roles?: string[] };
export type DepartmentBody = Omit<DepartmentBodyContract, 'kind'> & { kind: DepartmentKind };

// The supervisor's live view.
export type AgentBoard = Static<typeof AgentBoardSchema>;
export type QueueBoard = Static<typeof QueueBoardSchema>;
export type ReassignConversation = Static<typeof ReassignConversationSchema>;

// Canned responses, contact reasons, queues and widget sites.
export type CannedResponse = Static<typeof CannedResponseSchema>;
export type CannedResponseList = Static<typeof CannedResponseListSchema>;
export type ContactReason = Static<typeof ContactReasonSchema>;
export type ContactReasonList = Static<typeof ContactReasonListSchema>;
export type Queue = Static<typeof QueueSchema>;
export type QueueList = Static<typeof QueueListSchema>;
export type WebchatSite = Static<typeof WebchatSiteSchema>;
export type WebchatSiteList = Static<typeof WebchatSiteListSchema>;
export type RotatedSecret = Static<typeof RotatedSecretSchema>;

// Business hours, and skills with their holders.
export type Calendar = Static<typeof CalendarSchema>;
export type CalendarList = Static<typeof CalendarListSchema>;
export type CalendarStatus = Static<typeof CalendarStatusSchema>;
export type SkillMember = Static<typeof SkillMemberSchema>;
export type SkillMemberList = Static<typeof SkillMemberListSchema>;

// The customer 360 beside a conversation on the desk.
export type CustomerSearchResult = Static<
  typeof import('../../../../packages/contracts/src/customers.ts').CustomerSearchResult
>;
export type Customer360 = Static<
  typeof import('../../../../packages/contracts/src/customers.ts').Customer360
>;
