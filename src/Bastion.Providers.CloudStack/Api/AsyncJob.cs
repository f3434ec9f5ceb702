using System.Text.Json;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>One answer of <c>queryAsyncJobResult</c>.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Status">CloudStack's <c>jobstatus</c>: 0 in progress, 1 succeeded, 2 failed, 3 cancelled.</param>
/// <param name="Command">The command class that runs (<c>cmd</c>), e.g. <c>org.apache.cloudstack.api.command.user.vm.StopVMCmd</c>.</param>
/// <param name="ResultCode">The <c>jobresultcode</c> (0 unless failed).</param>
/// <param name="Result">The <c>jobresult</c> object, once done (an error object when failed).</param>
/// <param name="InstanceType">What the job acts on (<c>jobinstancetype</c>), e.g. <c>VirtualMachine</c>.</param>
/// <param name="InstanceId">The id of what it acts on (<c>jobinstanceid</c>).</param>
/// <param name="Created">When it was created (UTC).</param>
/// <param name="Completed">When it finished (UTC), once done.</param>
internal sealed record AsyncJob(
    string JobId,
    int Status,
    string? Command,
    int? ResultCode,
    JsonElement? Result,
    string? InstanceType,
    string? InstanceId,
    DateTimeOffset? Created,
    DateTimeOffset? Completed)
{
    /// <summary>True once the job stopped running, well or badly.</summary>
    public bool Done => Status != 0;

    /// <summary>The status in words: in_progress, succeeded, failed, cancelled (or unknown_N).</summary>
    public string StatusName => Status switch
    {
        0 => "in_progress",
        1 => "succeeded",
        2 => "failed",
        3 => "cancelled",
        _ => $"unknown_{Status}",
    };

    /// <summary>The failure's code and text, for a failed job.</summary>
    public string? Error => Status is 2 or 3 && Result is { } r
        ? $"errorcode {r.Int("errorcode")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: {r.Str("errortext") ?? "no error text"}"
        : Status == 3 ? "cancelled" : null;

    /// <summary>Reads the inner object of a <c>queryasyncjobresultresponse</c>.</summary>
    public static AsyncJob From(JsonElement e) => new(
        e.Str("jobid") ?? string.Empty,
        e.Int("jobstatus") ?? 0,
        e.Str("cmd"),
        e.Int("jobresultcode"),
        e.Object("jobresult"),
        e.Str("jobinstancetype"),
        e.Str("jobinstanceid"),
        e.Time("created"),
        e.Time("completed"));
}
