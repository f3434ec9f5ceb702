using System.Text.Json.Serialization;

namespace Bastion.Providers.WebOps;

/// <summary>
/// Source-generated JSON metadata of the WebOps tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="WebOpsSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(System.DateTimeOffset?))]
[JsonSerializable(typeof(System.Collections.Generic.Dictionary<string, string>))]
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
