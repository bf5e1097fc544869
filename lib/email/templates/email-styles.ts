import type { CSSProperties } from "react";

/** Inline styles: email clients ignore style sheets. */
export const emailStyles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", margin: 0 },
  container: { backgroundColor: "#ffffff", borderRadius: 8, margin: "32px auto", maxWidth: 520, padding: "32px 40px" },
  heading: { color: "#18181b", fontSize: 22, fontWeight: 600, margin: "0 0 16px" },
  text: { color: "#27272a", fontSize: 15, lineHeight: "24px" },
  quote: { borderLeft: "3px solid #d4d4d8", margin: "16px 0", padding: "4px 16px" },
  buttonRow: { margin: "24px 0" },
  button: {
    backgroundColor: "#18181b",
    borderRadius: 6,
    color: "#ffffff",
    display: "inline-block",
    fontSize: 15,
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  small: { color: "#52525b", fontSize: 13, lineHeight: "20px" },
  link: { fontSize: 13, lineHeight: "20px", wordBreak: "break-all" },
  hr: { borderColor: "#e4e4e7", margin: "24px 0" },
} satisfies Record<string, CSSProperties>;
