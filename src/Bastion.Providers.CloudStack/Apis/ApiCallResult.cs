using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>Result of cloudstack_api_call.</summary>
internal sealed record ApiCallResult(
    [property: Description("The API called, as CloudStack names it.")] string Api,
    [property: Description("read (ran without confirmation) or change (confirmed and audited).")] string Kind,
    [property: Description("The parameters sent (query parameter names and values), secrets excepted.")] IReadOnlyDictionary<string, string?> Sent,
    [property: Description("The async job's id, for an async API; null otherwise.")] string? JobId,
    [property: Description("For an async API: in_progress (wait=false, or the wait ran out), succeeded, failed or cancelled; null for a synchronous one.")] string? JobStatus,
    [property: Description("CloudStack's answer: the inner object of <api>response (or the job's jobresult), with every array cut to 100 items and values of fields named like secrets (secretkey, password, privatekey, sessionkey, apikey) hidden.")] JsonElement? Result,
    [property: Description("True when arrays or the answer were cut to keep it readable.")] bool Truncated,
    [property: Description("What to do next (follow a job, see further pages); null when nothing.")] string? Note);
