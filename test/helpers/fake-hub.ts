/**
 * A local fake Hub for the duration of a test file: HF_ENDPOINT points at
 * it, so the app's and the CLI's Hub client ask it instead of the network.
 */
import { fileURLToPath } from "node:url";
import nock from "nock";
import { afterAll, beforeAll } from "vitest";
import { loadFakeHubData, startFakeHub, type FakeHub, type FakeHubData } from "../../src/tools/fake-hub.js";

export const HUB_FIXTURES = ["models.json", "datasets.json"].map((f) => fileURLToPath(new URL(`../fixtures/hub/${f}`, import.meta.url)));

/** Starts the fake Hub before the file's tests and sets HF_ENDPOINT; returns a handle filled in beforeAll. */
export function useFakeHub(extra: FakeHubData = {}): { hub: FakeHub | undefined } {
  const handle: { hub: FakeHub | undefined } = { hub: undefined };
  const previous = process.env["HF_ENDPOINT"];
  beforeAll(async () => {
    const base = loadFakeHubData(HUB_FIXTURES);
    handle.hub = await startFakeHub({
      models: { ...base.models, ...extra.models },
      datasets: { ...base.datasets, ...extra.datasets },
      behaviours: { ...base.behaviours, ...extra.behaviours },
      redirects: { ...base.redirects, ...extra.redirects },
    });
    process.env["HF_ENDPOINT"] = handle.hub.url;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env["HF_ENDPOINT"];
    else process.env["HF_ENDPOINT"] = previous;
    await handle.hub?.close();
  });
  return handle;
}

/** nock blocks the network; the loopback fake Hub stays reachable. */
export function allowFakeHub(): void {
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
}
