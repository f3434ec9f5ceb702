using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways;

/// <summary>
/// Source-generated JSON metadata of the Cloudways tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="CloudwaysSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Alerts.AlertMarkResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Account.CloudwaysList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Account.ListResource))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.AppAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.AppCredentialList))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.AppInfo))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Apps.AppResource))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Changes.ChangeResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Operations.PowerResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Servers.ServerAction))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Servers.ServerChangeResult))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Servers.ServerInfo))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Servers.ServerResource))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Status.CloudwaysStatus))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Monitoring.AnalyticsWindow))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Monitoring.AnalyticsWindow?))]
[JsonSerializable(typeof(Bastion.Providers.Cloudways.Whitelist.WhitelistKind))]
internal sealed partial class CloudwaysToolsJson : JsonSerializerContext;
