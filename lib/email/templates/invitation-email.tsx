import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { emailStyles as s } from "./email-styles";

export type InvitationEmailProps = {
  organizationName: string;
  /** Who invited them; null when the organization did, through its API. */
  inviterName: string | null;
  inviteeFirstName: string;
  customMessage: string | null;
  joinUrl: string;
  /** Already formatted for people, e.g. "23 December 2026". */
  expiresOn: string;
  contactEmail: string | null;
  /** The reminder before the link expires (lib/invitations/reminders.ts): the same email, saying so. */
  reminder?: boolean;
};

export function invitationSubject(props: Pick<InvitationEmailProps, "organizationName" | "reminder">): string {
  return `${props.reminder ? "Reminder: you're" : "You're"} invited to join ${props.organizationName}`;
}

/** A reminder opens with its reason: "Your invitation to join Acme expires on 23 December 2026." */
function reminderLine(props: Pick<InvitationEmailProps, "organizationName" | "expiresOn">): string {
  return `Your invitation to join ${props.organizationName} expires on ${props.expiresOn}.`;
}

/** "Grace Hopper invited you to join Acme." or, without a person to name, "You are invited to join Acme." */
function invitedBy(props: Pick<InvitationEmailProps, "inviterName">): string {
  return props.inviterName ? `${props.inviterName} invited you` : "You are invited";
}

/** The HTML part. React escapes every value, so a custom message is shown as text, never as markup. */
export function InvitationEmail(props: InvitationEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${invitedBy(props)} to join ${props.organizationName}`}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Heading style={s.heading}>
            {props.reminder ? "Reminder: join" : "Join"} {props.organizationName}
          </Heading>
          <Text style={s.text}>Hello {props.inviteeFirstName},</Text>
          {props.reminder ? <Text style={s.text}>{reminderLine(props)}</Text> : null}
          <Text style={s.text}>
            {invitedBy(props)} to join <strong>{props.organizationName}</strong>.
          </Text>
          {props.customMessage ? (
            <Section style={s.quote}>
              <Text style={{ ...s.text, whiteSpace: "pre-line", margin: 0 }}>{props.customMessage}</Text>
            </Section>
          ) : null}
          <Section style={s.buttonRow}>
            <Button href={props.joinUrl} style={s.button}>
              Join {props.organizationName}
            </Button>
          </Section>
          <Text style={s.small}>Or copy this link into your browser:</Text>
          <Text style={s.link}>
            <Link href={props.joinUrl}>{props.joinUrl}</Link>
          </Text>
          <Text style={s.small}>This invitation expires on {props.expiresOn}.</Text>
          <Hr style={s.hr} />
          <Text style={s.small}>
            {props.contactEmail
              ? `Questions, or need a new invitation? Reply to this email or write to ${props.contactEmail}.`
              : "If you did not expect this invitation, you can ignore this email."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The plain-text part, written out rather than scraped from the HTML so that it reads well. */
export function invitationText(props: InvitationEmailProps): string {
  return [
    `Hello ${props.inviteeFirstName},`,
    "",
    ...(props.reminder ? [reminderLine(props), ""] : []),
    `${invitedBy(props)} to join ${props.organizationName}.`,
    ...(props.customMessage ? ["", props.customMessage] : []),
    "",
    `Join ${props.organizationName}: ${props.joinUrl}`,
    "",
    `This invitation expires on ${props.expiresOn}.`,
    "",
    props.contactEmail
      ? `Questions, or need a new invitation? Write to ${props.contactEmail}.`
      : "If you did not expect this invitation, you can ignore this email.",
    "",
  ].join("\n");
}
