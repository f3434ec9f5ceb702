using System.Text.Json.Serialization;

namespace Bastion.Providers.CloudStack;

/// <summary>
/// Source-generated JSON metadata of the CloudStack tools' arguments and results (trim- and AOT-safe); registered with
/// <c>AddToolJson</c> by <see cref="CloudStackSetup"/>. A tool whose argument or result type is missing here fails
/// tests/Bastion.Tests/Architecture/AotCatalogueTests. Primitive arguments (strings, numbers, string arrays and maps,
/// times) resolve through Bastion.Mcp's ToolsJson, which every catalogue chains.
/// </summary>
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Status.CloudStackStatus))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Reads.CloudStackListing))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Reads.CloudStackResource))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Vms.VmOperation))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Vms.VmAction))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Volumes.VolumeOperation))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Volumes.VolumeAction))]
[JsonSerializable(typeof(Bastion.Providers.CloudStack.Apis.ApiCallResult))]
internal sealed partial class CloudStackToolsJson : JsonSerializerContext;
