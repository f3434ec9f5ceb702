using System.Net.Http.Headers;
using System.Text.Json;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// The wire: builds Cloudways requests as the platform expects them (GET and DELETE parameters in the query string,
/// POST and PUT bodies form-urlencoded, JSON accepted, the bearer token in <c>Authorization</c>) and sends them through
/// <see cref="PlatformHttp"/> (per-attempt timeout, retries for idempotent calls only, circuit breaker).
/// </summary>
internal sealed class CloudwaysApi(PlatformHttp http) : IDisposable
{
    /// <summary>The platform's name in messages.</summary>
    public const string Platform = "Cloudways";

    /// <summary>Sends one call and reads the whole answer.</summary>
    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="baseUrl">The REST base, e.g. https://api.cloudways.com/api/v1.</param>
    /// <param name="path">The path under the base, starting with '/'.</param>
    /// <param name="fields">Parameters: the query string of a GET/DELETE, the form body of a POST/PUT.</param>
    /// <param name="bearer">The access token; null for the token exchange itself.</param>
    /// <param name="idempotent">True when sending it twice does no harm; only those are retried.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <exception cref="PlatformException">No answer (unreachable, timed out, breaker open).</exception>
    public async Task<CloudwaysAnswer> SendAsync(
        HttpMethod method,
        Uri baseUrl,
        string path,
        IReadOnlyList<KeyValuePair<string, string>>? fields,
        string? bearer,
        bool idempotent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var inBody = method == HttpMethod.Post || method == HttpMethod.Put;
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + path + (!inBody && fields is { Count: > 0 } ? "?" + Query(fields) : string.Empty));
        using var response = await http.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, url);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (bearer is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                if (inBody)
                {
                    request.Content = new FormUrlEncodedContent(fields ?? []);
                }

                return request;
            },
            idempotent,
            cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new CloudwaysAnswer((int)response.StatusCode, Parse(text), text);
    }

    private static string Query(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static JsonElement? Parse(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();
}
