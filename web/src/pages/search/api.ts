import { api, type ResponseOf, unwrap } from "../../apiClient.ts";

export type SearchResult = ResponseOf<"/api/v1/cases/search", "get">;
export type SavedSearch = ResponseOf<"/api/v1/saved-searches", "get">["savedSearches"][number];

/** Case search and saved searches, as the signed-in user. */
export const searchApi = {
  // The page's URL query string is the API's: filters stay shareable and survive the back button.
  search: (query: URLSearchParams) =>
    unwrap(
      api.GET("/api/v1/cases/search", {
        params: { query: Object.fromEntries(query) as never },
      }),
    ),
  listSaved: () => unwrap(api.GET("/api/v1/saved-searches")),
  save: (name: string, query: string) =>
    unwrap(api.POST("/api/v1/saved-searches", { body: { name, query } })),
};
