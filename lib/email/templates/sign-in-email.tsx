import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import { emailStyles as s } from "./email-styles";

export type SignInEmailProps = { signInUrl: string; host: string };

export const signInSubject = "Your Roster sign-in link";

export function SignInEmail({ signInUrl, host }: SignInEmailProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Sign in to Roster</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Heading style={s.heading}>Sign in to Roster</Heading>
          <Text style={s.text}>Use this link to sign in to the Roster console at {host}.</Text>
          <Section style={s.buttonRow}>
            <Button href={signInUrl} style={s.button}>
              Sign in
            </Button>
          </Section>
          <Text style={s.small}>Or copy this link into your browser:</Text>
          <Text style={s.link}>
            <Link href={signInUrl}>{signInUrl}</Link>
          </Text>
          <Text style={s.small}>The link works once and expires in 24 hours. If you did not ask for it, ignore this email.</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function signInText({ signInUrl, host }: SignInEmailProps): string {
  return [
    `Sign in to the Roster console at ${host}:`,
    signInUrl,
    "",
    "The link works once and expires in 24 hours. If you did not ask for it, ignore this email.",
    "",
  ].join("\n");
}
