using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>Result of cloudways_server_start, and of cloudways_server_change stop and restart.</summary>
internal sealed record PowerResult(
    [property: Description("The server.")] long ServerId,
    [property: Description("Bastion host name of the server; null when it could not be read afterwards.")] string? Host,
    [property: Description("start, stop or restart.")] PowerAction Action,
    [property: Description("Cloudways operation id (cloudways_list resource operation reads it).")] string OperationId,
    [property: Description("completed when Bastion waited for it to finish; running when wait was false.")] OperationState State,
    [property: Description("Cloudways' last status text of the operation.")] string? Status,
    [property: Description("Seconds Bastion waited.")] double DurationSeconds,
    [property: Description("The server's state in Cloudways after the operation (e.g. running, stopped); null when not waited for or not readable.")] string? ServerStatus);
