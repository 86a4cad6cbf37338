import type { NewRouter, Page, PageRequest, RouterDetail, RouterFilter, RouterPatch, RouterSummary } from '../read-models.js';

/** Port for routers and their anatomy. */
export abstract class RouterRepository {
  /**
   * Inserts routers with the healthy initial state of their model, in one transaction and a fixed number of
   * statements whatever the count. Throws `ConflictError` if a hostname is taken, `NotFoundError` if the
   * fleet vanished.
   */
  abstract insertMany(fleetId: string, routers: readonly NewRouter[], actor: string): Promise<readonly string[]>;
  /** Which of these hostnames already exist. */
  abstract findTakenHostnames(hostnames: readonly string[]): Promise<readonly string[]>;
  /** The largest `N` among hostnames `<prefix>N`, or 0. */
  abstract maxHostnameIndex(prefix: string): Promise<number>;
  /** By id (uuid) or hostname, with the whole tree. */
  abstract findDetail(idOrHostname: string): Promise<RouterDetail | null>;
  /**
   * The routers with these ids (uuids) and their whole trees, in one statement whatever the count, in no
   * particular order; unknown ids are left out. For batch loaders (GraphQL).
   */
  abstract findDetails(ids: readonly string[]): Promise<readonly RouterDetail[]>;
  /**
   * The routers with these hostnames and their whole trees, in one statement whatever the count, in no
   * particular order; unknown hostnames are left out.
   */
  abstract findDetailsByHostnames(hostnames: readonly string[]): Promise<readonly RouterDetail[]>;
  /** A page of routers in hostname order, and how many match: one statement (two when the page is past the end). */
  abstract list(filter: RouterFilter, page: PageRequest): Promise<Page<RouterSummary>>;
  abstract update(id: string, patch: RouterPatch, actor: string): Promise<RouterDetail | null>;
  abstract delete(id: string, actor: string): Promise<boolean>;
}
