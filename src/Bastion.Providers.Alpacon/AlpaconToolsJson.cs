using System.Text.Json.Serialization;

namespace Bastion.Providers.Alpacon;

/// <summary>
/// Source-generated JSON metadata of the Alpacon tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="AlpaconSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Commands.AlpaconCommandList))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Events.AlpaconEventList))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.AlpaconIamChange))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.AlpaconIamGroup))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.AlpaconIamGroupList))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.AlpaconIamUser))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Iam.AlpaconIamUserList))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Api.AlpaconItems))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Notes.AlpaconNote))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Notes.AlpaconNoteList))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Api.AlpaconObject))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Servers.AlpaconServerList))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Metrics.MetricSeries))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.WebFtp.WebFtpTransfer))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.SystemInfo.AlpaconProcKind))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Alerts.AlertCondition))]
[JsonSerializable(typeof(Bastion.Providers.Alpacon.Alerts.AlertCondition?))]
internal sealed partial class AlpaconToolsJson : JsonSerializerContext;
