/** A node of `EXPLAIN (FORMAT JSON)`: only what the summary reads. */
type PlanNode = {
  "Node Type": string;
  "Scan Direction"?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Parent Relationship"?: string;
  "Subplan Name"?: string;
  Plans?: PlanNode[];
};

/**
 * One line per plan: node types joined by " > " from the top, with the index (or table) each scan
 * reads; sibling inputs in [ … | … ], subplans in { … }. For example
 * `Limit > Index Scan Backward using members_list_invited_at { SubPlan 1: Limit > Index Scan using emails_member_created_at }`.
 */
export function summarizePlan(explainOutput: unknown): string {
  const root = planRoot(explainOutput);
  return root ? describe(root) : "(no plan)";
}

function planRoot(value: unknown): PlanNode | undefined {
  if (typeof value === "string") return planRoot(JSON.parse(value));
  if (Array.isArray(value)) return planRoot(value[0]);
  if (value && typeof value === "object") {
    if ("Plan" in value) return (value as { Plan: PlanNode }).Plan;
    if ("QUERY PLAN" in value) return planRoot((value as { "QUERY PLAN": unknown })["QUERY PLAN"]);
  }
  return undefined;
}

function describe(node: PlanNode): string {
  let text = node["Node Type"];
  if (node["Scan Direction"] === "Backward") text += " Backward";
  if (node["Index Name"]) text += ` using ${node["Index Name"]}`;
  else if (node["Relation Name"]) text += ` on ${node["Relation Name"]}`;
  const children = node.Plans ?? [];
  const subplans = children.filter((child) => child["Parent Relationship"] === "SubPlan" || child["Parent Relationship"] === "InitPlan");
  const inputs = children.filter((child) => !subplans.includes(child));
  if (subplans.length) {
    text += ` { ${subplans.map((child) => `${child["Subplan Name"] ?? "SubPlan"}: ${describe(child)}`).join("; ")} }`;
  }
  if (inputs.length === 1) text += ` > ${describe(inputs[0]!)}`;
  else if (inputs.length > 1) text += ` > [ ${inputs.map(describe).join(" | ")} ]`;
  return text;
}
