import { apiRoute } from "@/lib/api/api-route";
import { dataResponse, notFoundProblem } from "@/lib/api/problem";
import { parseJsonBody } from "@/lib/api/request-body";
import { invitationSettingsBodySchema } from "@/lib/api/schemas";
import type { Database } from "@/db/client";
import { getInvitationSetup, saveInvitationSettings } from "@/lib/organizations/invitation-setup";

/** The settings as the API shows them; null until the organization's invitation setup is saved. */
async function settingsOf(db: Database, organizationId: string) {
  const setup = await getInvitationSetup(db, organizationId);
  if (!setup?.settings) return null;
  return {
    organizationName: setup.organization.name,
    contactEmail: setup.settings.contactEmail,
    customMessage: setup.settings.customMessage,
    validityDays: setup.settings.validityDays,
    reminderDaysBefore: setup.settings.reminderDaysBefore,
  };
}

/** GET /api/v1/invitation-settings: 404 until the invitation setup is saved (in the console or by PUT). */
export const GET = apiRoute(async (_request, { apiKey, db }) => {
  const settings = await settingsOf(db, apiKey.organizationId);
  return settings
    ? dataResponse(settings)
    : notFoundProblem("The invitation setup is not saved yet: PUT /api/v1/invitation-settings saves it.");
});

/** PUT /api/v1/invitation-settings: saves the whole setup, as the console's Save does; 200 with the settings. */
export const PUT = apiRoute(async (_request, { apiKey, db, now, body }) => {
  const input = parseJsonBody(body, invitationSettingsBodySchema);
  if (!input.ok) return input.response;
  await saveInvitationSettings(db, {
    organizationId: apiKey.organizationId,
    actorEmail: null,
    actorApiKeyId: apiKey.id,
    settings: input.data,
    now,
  });
  return dataResponse(await settingsOf(db, apiKey.organizationId));
});
