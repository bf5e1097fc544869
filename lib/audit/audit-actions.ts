export const auditActions = [
  "invitation_settings.saved",
  "user.invited",
  "user.invitation_resent",
  "user.removed",
  "user.enrolled",
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditActionLabels: Record<AuditAction, string> = {
  "invitation_settings.saved": "Invitation setup saved",
  "user.invited": "User invited",
  "user.invitation_resent": "Invitation resent",
  "user.removed": "User removed",
  "user.enrolled": "User enrolled",
};
