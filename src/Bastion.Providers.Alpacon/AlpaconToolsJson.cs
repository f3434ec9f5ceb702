using System.Text.Json.Serialization;

namespace Bastion.Providers.Alpacon;

/// <summary>
/// Source-generated JSON metadata of the Alpacon tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="AlpaconSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Listing.AlpaconListing))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Listing.AlpaconResource))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.AlpaconIamChange))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.IamAction))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.IamResource))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Notes.AlpaconNote))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Api.AlpaconObject))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Metrics.AlpaconMetric))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Metrics.AlpaconMetric?))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.WebFtp.WebFtpTransfer))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.WebFtp.WebFtpAction))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Alerts.AlertCondition))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Alerts.AlertCondition?))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Alerts.AlertRuleAction))]
internal sealed partial class AlpaconToolsJson : JsonSerializerContext;
