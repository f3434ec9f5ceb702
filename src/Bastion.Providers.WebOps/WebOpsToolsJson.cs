using System.Text.Json.Serialization;

namespace Bastion.Providers.WebOps;

/// <summary>
/// Source-generated JSON metadata of the WebOps tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="WebOpsSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeleteResult))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeployResult))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentDetail))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentList))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Status.DeploymentStatus))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Logs.LogList))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Security.ScanResult))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Security.SecurityAudit))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Services.ServiceActionResult))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Health.SystemHealth))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeploymentState?))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Deployments.DeployEnvironment?))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Logs.DeploymentLogLevel?))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Services.ServiceAction))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Security.ScanType))]
[JsonSerializable(typeof(Bastion.Providers.WebOps.Status.WebOpsLink))]
internal sealed partial class WebOpsToolsJson : JsonSerializerContext;
