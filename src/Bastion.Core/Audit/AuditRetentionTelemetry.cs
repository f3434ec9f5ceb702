using System.Diagnostics.Metrics;
using Bastion.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Audit;

/// <summary>
/// Failures of the audit log's background upkeep (retention, compression, archive), which never fail a call: each is
/// logged as a warning with its cause and counted on <see cref="BastionTelemetry.Meter"/> as
/// <c>bastion.audit.retention.failures</c> (Prometheus <c>bastion_audit_retention_failures_total</c>), by <c>store</c>
/// (<c>file</c>: the data directory's log; <c>postgres</c>: the shared store's chain) and <c>step</c>
/// (<c>prune</c>, <c>compress</c>, <c>archive</c>).
/// </summary>
public static partial class AuditRetentionTelemetry
{
    /// <summary><c>bastion.audit.retention.failures</c>: background upkeep runs of the audit log that failed, by <c>store</c> and <c>step</c>.</summary>
    public static Counter<long> Failures { get; } =
        BastionTelemetry.Meter.CreateCounter<long>("bastion.audit.retention.failures", "{failure}", "Audit retention, compression or archive runs that failed (nothing was lost; retried later), by store and step.");

    /// <summary>Logs (when <paramref name="logger"/> is set) and counts one failed run of <paramref name="step"/> on <paramref name="store"/>.</summary>
    /// <param name="logger">Where the warning goes; null: counted only.</param>
    /// <param name="store"><c>file</c> or <c>postgres</c>.</param>
    /// <param name="step"><c>prune</c>, <c>compress</c> or <c>archive</c>.</param>
    /// <param name="reason">What failed and why, for an operator.</param>
    public static void Failed(ILogger? logger, string store, string step, string reason)
    {
        Failures.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("step", step));
        if (logger is not null)
        {
            LogFailed(logger, step, store, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {Step} failed ({Store} log); calls carry on and it is retried later: {Reason}")]
    private static partial void LogFailed(ILogger logger, string step, string store, string reason);
}
