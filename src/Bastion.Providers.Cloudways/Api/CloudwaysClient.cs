using System.Text.Json;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// Calls the Cloudways REST API as the caller's stored credentials allow. GETs are idempotent (retried on 5xx, 408, 429
/// and timeouts); POSTs are sent once. A 401 to an exchanged token drops it and the call is sent once more with a fresh
/// one (a 401 means nothing was done, so this holds for POSTs too). Every other refusal becomes a
/// <see cref="PlatformException"/> that quotes the platform and says what to do.
/// </summary>
internal sealed class CloudwaysClient(CloudwaysApi api, CloudwaysCredentialStore store, CloudwaysAuth auth)
{
    /// <summary>True when credentials are stored.</summary>
    public bool IsConfigured => store.IsConfigured;

    /// <summary>The stored credentials now (for the status tool: mode and URL).</summary>
    public CloudwaysCredentials Credentials() => store.Read();

    /// <summary><c>GET path?query</c>; the JSON answer.</summary>
    /// <exception cref="PlatformException">Cloudways refused or failed the call, or could not be reached.</exception>
    /// <exception cref="Core.BastionException">No access token (refused credential, vault unreadable).</exception>
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken, params KeyValuePair<string, string>[] query) =>
        CallAsync(HttpMethod.Get, path, query, idempotent: true, cancellationToken);

    /// <summary><c>POST path</c> with a form-urlencoded body; sent once, never retried after a failure.</summary>
    /// <exception cref="PlatformException">Cloudways refused or failed the call, or could not be reached.</exception>
    /// <exception cref="Core.BastionException">No access token (refused credential, vault unreadable).</exception>
    public Task<JsonElement> PostAsync(string path, CancellationToken cancellationToken, params KeyValuePair<string, string>[] form) =>
        CallAsync(HttpMethod.Post, path, form, idempotent: false, cancellationToken);

    /// <summary><c>DELETE path?query</c> (Cloudways reads DELETE parameters from the query string); sent once, never retried after a failure.</summary>
    /// <exception cref="PlatformException">Cloudways refused or failed the call, or could not be reached.</exception>
    /// <exception cref="Core.BastionException">No access token (refused credential, vault unreadable).</exception>
    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken, params KeyValuePair<string, string>[] query) =>
        CallAsync(HttpMethod.Delete, path, query, idempotent: false, cancellationToken);

    /// <summary>A name/value pair for a query or a form.</summary>
    public static KeyValuePair<string, string> Field(string name, object value) =>
        new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);

    private async Task<JsonElement> CallAsync(HttpMethod method, string path, KeyValuePair<string, string>[] fields, bool idempotent, CancellationToken cancellationToken)
    {
        var credentials = store.Read();
        if (credentials.Mode == CloudwaysAuthMode.None)
        {
            throw CloudwaysAuth.NotConfigured();
        }

        var bearer = await auth.BearerAsync(credentials, cancellationToken);
        var answer = await api.SendAsync(method, credentials.BaseUrl, path, fields, bearer, idempotent, cancellationToken);
        if (answer.Status == 401 && credentials.Mode == CloudwaysAuthMode.ApiKey)
        {
            auth.Refused(bearer);
            bearer = await auth.BearerAsync(credentials, cancellationToken);
            answer = await api.SendAsync(method, credentials.BaseUrl, path, fields, bearer, idempotent, cancellationToken);
        }

        var call = $"{method.Method} {path}";
        if (!answer.Ok || answer.Json is not { } body)
        {
            throw CloudwaysErrors.For(answer, call, credentials.Mode);
        }

        // Success bodies often carry "status": true; false means the platform declined in a 200.
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.False)
        {
            throw CloudwaysErrors.For(answer, call, credentials.Mode);
        }

        return body;
    }
}
