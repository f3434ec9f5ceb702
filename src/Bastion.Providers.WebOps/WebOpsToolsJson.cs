using System.Text.Json.Serialization;

namespace Bastion.Providers.WebOps;

/// <summary>
/// Source-generated JSON metadata of the WebOps tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="WebOpsSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.WebOps.Status.WebOpsStatusResult))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Status.WebOpsStatusResource))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentRead))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentResource))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentControlResult))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentAction))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Security.ScanType?))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentState?))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeployEnvironment?))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Logs.DeploymentLogLevel?))]
internal sealed partial class WebOpsToolsJson : JsonSerializerContext;
