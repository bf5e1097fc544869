import { createLoader, parseAsStringLiteral, type inferParserType } from "nuqs/server";
import { paginationSearchParams } from "@/lib/data-table/search-params";
import { auditActions } from "./audit-actions";

/** The Activity log's view in the URL: `?action=user.enrolled&page=2`. An unknown action means every action. */
export const activitySearchParams = {
  action: parseAsStringLiteral(auditActions),
  ...paginationSearchParams,
};
export type ActivitySearchParams = inferParserType<typeof activitySearchParams>;

export const parseActivitySearchParams = createLoader(activitySearchParams);
