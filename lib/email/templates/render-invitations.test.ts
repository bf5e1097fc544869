import { render } from "@react-email/components";
import { describe, expect, it } from "vitest";
import { fillTemplate } from "@/lib/email/email-template";
import { InvitationEmail, invitationText } from "./invitation-email";
import { renderInvitationTemplate } from "./render-invitations";

const shared = {
  organizationName: "Acme & <Sons>",
  inviterName: "Grace \"Amazing\" Hopper",
  customMessage: "Welcome <b>aboard</b>\nSee you 'soon'",
  expiresOn: "23 December 2026",
  contactEmail: "help@acme.test",
};

describe("rendering invitations in bulk", () => {
  it("gives each recipient exactly the HTML and text a render of their own would give, escaping included", async () => {
    const recipients = [
      { inviteeFirstName: "Zoë", joinUrl: "http://localhost:3000/join/abc_DEF-123" },
      { inviteeFirstName: "O'Brien & <Co>", joinUrl: "https://roster.example/join/x?y=1&z=\"2\"" },
      { inviteeFirstName: "李小龙", joinUrl: "http://localhost:3000/join/zzz" },
      { inviteeFirstName: "$& $1 $$", joinUrl: "http://localhost:3000/join/$'" },
    ];
    const template = await renderInvitationTemplate(shared);
    for (const recipient of recipients) {
      const filled = fillTemplate(template, recipient);
      expect(filled.html).toBe(await render(InvitationEmail({ ...shared, ...recipient })));
      expect(filled.text).toBe(invitationText({ ...shared, ...recipient }));
    }
  });

  it("cannot be fooled by settings that spell out a placeholder", async () => {
    const first = await renderInvitationTemplate(shared);
    const odd = { ...shared, customMessage: Object.values(first.placeholders).join(" ") };
    const template = await renderInvitationTemplate(odd);
    const filled = fillTemplate(template, { inviteeFirstName: "Ada", joinUrl: "http://x/join/1" });
    expect(filled.html).toContain(odd.customMessage);
    expect(filled.html).toContain("Hello <!-- -->Ada");
  });
});
