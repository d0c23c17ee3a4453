// Loaded with NODE_OPTIONS=--import into the dashboards build: any fetch to a host other than
// localhost (jsDelivr, the npm registry, extensions.duckdb.org) fails loudly, so a page that
// depends on the network cannot pass the tests.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) {
    throw new Error(`网络已被测试禁止：构建试图访问 ${url.href}`);
  }
  return realFetch(input, init);
};
