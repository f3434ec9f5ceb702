using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>
/// Alpacon's REST API for one workspace: JSON in and out, <c>Authorization: token=…</c> on every call, trailing-slash
/// paths under <c>/api/</c>, page-number pagination (<c>page</c>, <c>page_size</c> at most 100, <c>next</c> a page
/// number, 0 at the end). Reads are retried on transient failures; writes are sent once.
/// </summary>
internal sealed class AlpaconClient(AlpaconWorkspace workspace, PlatformHttp http)
{
    /// <summary>Alpacon's cap on <c>page_size</c>.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The workspace this client calls.</summary>
    public AlpaconWorkspace Workspace => workspace;

    /// <summary>GETs <paramref name="path"/> (e.g. <c>api/servers/servers/</c>) with the query's non-null values.</summary>
    /// <exception cref="PlatformException">No answer, or a non-2xx answer (the message says what Alpacon said).</exception>
    public Task<JsonElement> GetAsync(string path, IEnumerable<KeyValuePair<string, string?>>? query, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, query, null, idempotent: true, cancellationToken);

    /// <summary>POSTs <paramref name="body"/> as JSON; sent once.</summary>
    public Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, null, body, idempotent: false, cancellationToken);

    /// <summary>PATCHes <paramref name="body"/> as JSON (a partial update; repeating it changes nothing more).</summary>
    public Task<JsonElement> PatchAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, null, body, idempotent: true, cancellationToken);

    /// <summary>DELETEs <paramref name="path"/>; sent once.</summary>
    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, null, idempotent: false, cancellationToken);

    /// <summary>
    /// Gathers up to <paramref name="limit"/> items over the pages of a listing. Also reads answers that are a bare
    /// array, or an object with <c>results</c> but no paging fields (the metrics endpoints).
    /// </summary>
    public Task<PlatformList<JsonElement>> ListAsync(string path, IEnumerable<KeyValuePair<string, string?>>? query, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Max(1, limit);
        var fixedQuery = (query ?? []).Where(q => q.Key is not "page" and not "page_size").ToList();
        var pageSize = Math.Min(limit, MaxPageSize).ToString(CultureInfo.InvariantCulture);
        return PlatformPaging.GatherAsync(
            async (cursor, ct) =>
            {
                var page = cursor is null ? 1 : int.Parse(cursor, CultureInfo.InvariantCulture);
                var answer = await GetAsync(path, [.. fixedQuery, new("page", page.ToString(CultureInfo.InvariantCulture)), new("page_size", pageSize)], ct);
                if (answer.ValueKind == JsonValueKind.Array)
                {
                    var all = answer.EnumerateArray().ToList();
                    return new PlatformPage<JsonElement>(all, null, all.Count);
                }

                if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                {
                    throw new PlatformException(AlpaconErrors.Platform, $"workspace '{workspace.Name}' answered GET {path} with something that is not a list.");
                }

                int? total = answer.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : null;
                var next = answer.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
                var more = next > page || (n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 });
                return new PlatformPage<JsonElement>(
                    results.EnumerateArray().ToList(),
                    next > page ? next.ToString(CultureInfo.InvariantCulture) : null,
                    total,
                    more);
            },
            limit,
            limit + 1,
            null,
            cancellationToken);
    }

    private async Task<JsonElement> SendAsync(
        HttpMethod method,
        string path,
        IEnumerable<KeyValuePair<string, string?>>? query,
        object? body,
        bool idempotent,
        CancellationToken cancellationToken)
    {
        var uri = Build(path, query);
        using var response = await http.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, uri);
                request.Headers.TryAddWithoutValidation("Authorization", "token=" + workspace.Token);
                request.Headers.Accept.ParseAdd("application/json");
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, BodyJson.Default.Options.GetTypeInfo(body.GetType()));
                }

                return request;
            },
            idempotent,
            cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw AlpaconErrors.From(workspace, method, "/" + path.TrimStart('/'), response, text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PlatformException(AlpaconErrors.Platform, $"workspace '{workspace.Name}' answered {method} /{path.TrimStart('/')} with something that is not JSON (HTTP {(int)response.StatusCode}); is alpacon/{workspace.Name}/url the API's address?", (int)response.StatusCode);
        }
    }

    private Uri Build(string path, IEnumerable<KeyValuePair<string, string?>>? query)
    {
        var text = new StringBuilder(path.TrimStart('/'));
        var first = true;
        foreach (var (key, value) in query ?? [])
        {
            if (value is null)
            {
                continue;
            }

            text.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return new Uri(workspace.BaseUri, text.ToString());
    }
}
