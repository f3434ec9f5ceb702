using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways;

/// <summary>
/// Source-generated JSON metadata of the Cloudways tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="CloudwaysSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Alerts.AlertList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Alerts.AlertMarkResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.AppCredentialList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.AppSettings))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.CloudwaysApp))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Api.CloudwaysData))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Operations.CloudwaysOperation))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Status.CloudwaysStatus))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Monitoring.MonitorSummary))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Operations.OperationReport))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Operations.PowerResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Account.ProjectList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Servers.ServerDetails))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Servers.ServerList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Account.TeamList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Monitoring.ServerSummaryKind))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Monitoring.AnalyticsKind))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Monitoring.AnalyticsWindow))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Discovery.DiscoveryList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Services.ServiceAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Changes.ChangeResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Services.CacheAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Backups.BackupAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Ssl.SslAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Domains.DomainAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Git.GitRead))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Git.GitAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Whitelist.WhitelistKind))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Whitelist.WhitelistAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Maintenance.MaintenanceAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Settings.SettingsTarget))]
internal sealed partial class CloudwaysToolsJson : JsonSerializerContext;
