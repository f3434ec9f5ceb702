using System.Text.Json.Serialization;
using Bastion.Core.Accounts;
using Bastion.Core.Alerts;
using Bastion.Core.Audit;
using Bastion.Core.FanOut;
using Bastion.Core.Files;
using Bastion.Core.History;
using Bastion.Core.Identity;
using Bastion.Core.Logs;
using Bastion.Core.Metrics;
using Bastion.Core.Network;
using Bastion.Core.Packages;
using Bastion.Core.Processes;
using Bastion.Core.Services;
using Bastion.Core.Storage;
using Bastion.Mcp.Security;

namespace Bastion.Mcp.Tools;

/// <summary>
/// Source-generated JSON metadata of Bastion's own tool arguments and results, and of what the call pipeline writes
/// (trim- and AOT-safe). Names and enum strings follow <see cref="BastionJson.Options"/>, which chains this context first.
/// A tool whose argument or result type is missing here fails tests/Bastion.Tests/Architecture/AotCatalogueTests.
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
[JsonSerializable(typeof(FanOutResult<BlockDeviceList>))]
[JsonSerializable(typeof(FanOutResult<DirectoryListing>))]
[JsonSerializable(typeof(FanOutResult<FileContent>))]
[JsonSerializable(typeof(FanOutResult<GroupList>))]
[JsonSerializable(typeof(FanOutResult<HostIdentity>))]
[JsonSerializable(typeof(FanOutResult<InterfaceList>))]
[JsonSerializable(typeof(FanOutResult<LogSearch>))]
[JsonSerializable(typeof(FanOutResult<LogTail>))]
[JsonSerializable(typeof(FanOutResult<MetricsSnapshot>))]
[JsonSerializable(typeof(FanOutResult<PackageList>))]
[JsonSerializable(typeof(FanOutResult<ProcessList>))]
[JsonSerializable(typeof(FanOutResult<ServiceList>))]
[JsonSerializable(typeof(FanOutResult<SocketList>))]
[JsonSerializable(typeof(FanOutResult<UserList>))]
[JsonSerializable(typeof(AccessStatus))]
[JsonSerializable(typeof(AlertRulesAnswer))]
[JsonSerializable(typeof(AlertsAnswer))]
[JsonSerializable(typeof(AuditSearchResult))]
[JsonSerializable(typeof(CredentialStatusList))]
[JsonSerializable(typeof(HostList))]
[JsonSerializable(typeof(TopAnswer))]
[JsonSerializable(typeof(TransferResult))]
[JsonSerializable(typeof(HistoryAnswer))]
[JsonSerializable(typeof(CallPlan))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(FanOutResult<Bastion.Core.Commands.CommandOutput>))]
internal sealed partial class ToolsJson : JsonSerializerContext;
