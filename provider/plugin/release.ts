/**
 * Where the project is published: the one place the release location is set. The schema (provider/plugin/schema.ts)
 * carries {@link PLUGIN_DOWNLOAD_URL}, so the generated SDKs record it in `pulumi-plugin.json` and the engine
 * downloads the plugin from there on first use; the Go SDK's module path is under {@link REPOSITORY}; the release
 * workflow (.github/workflows/release.yml) checks that it runs in this repository before it publishes there.
 */
export const REPOSITORY = "github.com/opsmanager-integrations/pulumi-opsmanager-integrations";

/**
 * The plugin tarballs' folder: the GitHub release of the version's tag. The engine fills in `${VERSION}` and asks
 * for `<this>/pulumi-resource-opsmanager-v<version>-<os>-<arch>.tar.gz` (pulumi/pulumi
 * sdk/go/common/workspace/plugins.go, httpSource); a mirror replaces this prefix through
 * `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` (`regexp=URL` pairs matched against this URL).
 */
export const PLUGIN_DOWNLOAD_URL = `https://${REPOSITORY}/releases/download/v\${VERSION}`;

/** The Go SDK's module and package path: `go get` of it fetches `sdk/go/opsmanager` at tag `sdk/go/opsmanager/v<version>`. */
export const GO_IMPORT_PATH = `${REPOSITORY}/sdk/go/opsmanager`;
