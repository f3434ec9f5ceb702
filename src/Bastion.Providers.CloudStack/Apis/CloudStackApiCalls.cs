using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>
/// The whole API the credentials may call: search it (<c>listApis</c>, cached per credentials by <see cref="ApiCatalog"/>)
/// and call any of it with parameters checked against its metadata. Reads (list*, get*, query*, is*) are GETs retried on
/// transport trouble; every other API is a POST sent once. Async APIs are followed with <c>queryAsyncJobResult</c> to
/// the job's end, with progress. Answers are bounded (arrays cut to <see cref="MaxItems"/>, 64 KiB in all) and
/// secret-looking fields hidden.
/// </summary>
internal sealed class CloudStackApiCalls(CloudStackClient client, ApiCatalog catalog)
{
    /// <summary>Items kept of each array of an answer (100).</summary>
    public const int MaxItems = 100;

    /// <summary>The page size asked for when a list API is called without page and pagesize (50: fifty VMs are about 35 KB of JSON).</summary>
    public const int DefaultPageSize = 50;

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "secretkey", "password", "privatekey", "sessionkey", "apikey",
    };

    /// <summary>APIs whose name or description contains <paramref name="search"/> (all when null), by name.</summary>
    public async Task<ApiSearchResult> SearchAsync(string? search, bool detail, int limit, CancellationToken cancellationToken)
    {
        var all = await catalog.AllAsync(cancellationToken);
        var matching = all.Values
            .Where(a => search is null || a.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || a.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) == true)
            .OrderBy(a => search is not null && !a.Name.Equals(search, StringComparison.OrdinalIgnoreCase))
            .ThenBy(a => search is not null && !a.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var shown = matching.Take(limit).Select(a => detail || matching.Count == 1 ? a : a with { Params = [] }).ToList();
        var note = matching.Count > shown.Count
            ? $"Showing {shown.Count} of {matching.Count}; narrow the search or raise limit."
            : shown.Count > 1 && !detail ? "Parameters are left out of a list of several APIs: search for one API by name, or set detail=true." : null;
        return new ApiSearchResult(all.Count, matching.Count, shown, matching.Count > shown.Count, note);
    }

    /// <summary>The API and the query parameters a call would send, checked; nothing is sent but listApis (cached).</summary>
    /// <exception cref="PlatformException">Unknown API, unknown or reserved parameter, a missing required one, or a value of the wrong type.</exception>
    public async Task<(ApiInfo Api, Dictionary<string, string?> Parameters)> PrepareAsync(string api, JsonElement? parameters, CancellationToken cancellationToken)
    {
        var info = await catalog.FindAsync(api, cancellationToken);
        var sent = ApiArguments.Build(info, parameters);
        if (info.Kind == "read" && info.Params.Any(p => p.Name == "pagesize") && !sent.ContainsKey("page") && !sent.ContainsKey("pagesize"))
        {
            sent["page"] = "1";
            sent["pagesize"] = DefaultPageSize.ToString(CultureInfo.InvariantCulture);
        }

        return (info, sent);
    }

    /// <summary>Calls <paramref name="api"/> with <paramref name="parameters"/>, following an async job when <paramref name="wait"/>.</summary>
    /// <exception cref="PlatformException">The call was refused before sending (see <see cref="PrepareAsync"/>), CloudStack refused it, or its job failed (errorcode and errortext quoted).</exception>
    public async Task<ApiCallResult> CallAsync(string api, JsonElement? parameters, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var (info, sent) = await PrepareAsync(api, parameters, cancellationToken);
        var shown = sent.ToDictionary(p => p.Key, p => SecretFields.Contains(p.Key) ? Hidden : p.Value, StringComparer.Ordinal);
        if (!info.IsAsync)
        {
            var answer = info.Kind == "read"
                ? await client.ReadAsync(info.Name, sent, cancellationToken)
                : await client.ChangeAsync(info.Name, sent, cancellationToken);
            var (result, cut) = Bound(answer);
            return new ApiCallResult(info.Name, info.Kind, shown, null, null, result, cut, PageNote(info, sent, answer));
        }

        var started = await client.StartJobAsync(info.Name, sent, cancellationToken);
        if (!wait)
        {
            return new ApiCallResult(info.Name, info.Kind, shown, started.JobId, "in_progress", null, false,
                $"The job runs on; follow it with cloudstack_list resource=job job_id={started.JobId} (wait=true polls until it ends).");
        }

        var job = await client.WaitForJobAsync(started.JobId, info.Name, progress, cancellationToken);
        if (job.Status != 1)
        {
            throw new PlatformException(CloudStackClient.Platform, $"job {job.JobId} ({info.Name}) {job.StatusName}: {job.Error ?? "no error given"}. cloudstack_list resource=events level=ERROR may say more.", job.Result is { } r ? r.Int("errorcode") : null);
        }

        var (jobResult, truncated) = job.Result is { } value ? Bound(value) : (null, false);
        return new ApiCallResult(info.Name, info.Kind, shown, job.JobId, job.StatusName, jobResult, truncated, null);
    }

    private const string Hidden = "[hidden by Bastion]";

    private static (JsonElement? Value, bool Truncated) Bound(JsonElement answer)
    {
        var node = JsonNode.Parse(answer.GetRawText());
        Hide(node);
        var (value, truncated) = JsonBounds.Cut(JsonSerializer.SerializeToElement(node, CommonJson.Default.JsonNode), MaxItems);
        return (value, truncated);
    }

    private static void Hide(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (SecretFields.Contains(name) && obj[name] is JsonValue)
                    {
                        obj[name] = Hidden;
                    }
                    else
                    {
                        Hide(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Hide(item);
                }

                break;
        }
    }

    private static string? PageNote(ApiInfo info, Dictionary<string, string?> sent, JsonElement answer) =>
        info.Kind == "read" && answer.Int("count") is { } count && sent.TryGetValue("pagesize", out var size) && int.TryParse(size, CultureInfo.InvariantCulture, out var pageSize)
            && int.TryParse(sent.GetValueOrDefault("page") ?? "1", CultureInfo.InvariantCulture, out var page) && page * pageSize < count
            ? $"Page {page} of {(count + pageSize - 1) / pageSize} ({pageSize} a page, {count} in all): pass params page={page + 1} and pagesize={pageSize} for the next."
            : null;
}
