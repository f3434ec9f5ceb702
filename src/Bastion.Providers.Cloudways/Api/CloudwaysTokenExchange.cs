using Bastion.Core;
using Bastion.Core.Credentials;
using Bastion.Core.Secrets;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// Trades the stored email + API key for a bearer token at <c>POST /oauth/access_token</c> (form-urlencoded
/// <c>email</c>, <c>api_key</c>; answer <c>{access_token, token_type, expires_in}</c> with <c>expires_in</c> in seconds,
/// 3600 when absent). A 400/401/403/422 answer means the credential was refused. Each token issued is taught to the
/// redactor, and remembered with the fingerprint of the credential it was issued for. With <see cref="ISharedTokens"/>
/// (servers sharing a store) the token is shared: a server that needs a new one takes the token another server stored
/// for the same credential, unless it is the one this server already holds or is due for renewal, and exchanges (once
/// for all of them) only otherwise.
/// </summary>
internal sealed class CloudwaysTokenExchange(CloudwaysApi api, CloudwaysCredentialStore store, Redactor redactor, TimeProvider clock, CloudwaysOptions options, ISharedTokens? shared = null) : ITokenExchange
{
    private const int DefaultLifetimeSeconds = 3600;

    private readonly Lock _gate = new();
    private (string Token, string Fingerprint)? _last;

    /// <summary>The fingerprint of the credential <paramref name="token"/> was issued for; null for a token this exchange did not issue last.</summary>
    public string? FingerprintOf(string token)
    {
        lock (_gate)
        {
            return _last is { } last && string.Equals(last.Token, token, StringComparison.Ordinal) ? last.Fingerprint : null;
        }
    }

    /// <inheritdoc/>
    public async Task<IssuedToken> ExchangeAsync(CancellationToken ct)
    {
        var credentials = store.Read();
        if (credentials.Mode != CloudwaysAuthMode.ApiKey)
        {
            throw new BastionException($"no Cloudways email and API key are stored; set {CloudwaysVault.Email} and {CloudwaysVault.ApiKey} with `bastion vault set`.");
        }

        string? held;
        lock (_gate)
        {
            held = _last?.Token;
        }

        var issued = shared is null
            ? await ExchangeNowAsync(credentials, ct)
            : await shared.GetOrExchangeAsync($"cloudways:{credentials.Fingerprint}", held, clock.GetUtcNow() + options.Tokens.RenewBefore, c => ExchangeNowAsync(credentials, c), ct);
        redactor.AddKnownSecret(issued.AccessToken);
        lock (_gate)
        {
            _last = (issued.AccessToken, credentials.Fingerprint);
        }

        return issued;
    }

    private async Task<IssuedToken> ExchangeNowAsync(CloudwaysCredentials credentials, CancellationToken ct)
    {
        var answer = await api.SendAsync(
            HttpMethod.Post,
            credentials.BaseUrl,
            "/oauth/access_token",
            [new("email", credentials.Email!), new("api_key", credentials.ApiKey!)],
            bearer: null,
            idempotent: false, // the token provider retries the exchange itself
            ct);
        if (answer.Status is 400 or 401 or 403 or 422)
        {
            throw new TokenRevokedException($"Cloudways answered {answer.Status}: {CloudwaysErrors.Reason(answer).TrimEnd('.')}");
        }

        if (!answer.Ok || answer.Json is not { } body)
        {
            throw CloudwaysErrors.For(answer, "POST /oauth/access_token", CloudwaysAuthMode.ApiKey);
        }

        if (body.Text("access_token") is not { } token)
        {
            throw new PlatformException(CloudwaysApi.Platform, $"POST /oauth/access_token answered without an access_token ({CloudwaysErrors.Reason(answer)}).", answer.Status, transient: true);
        }

        redactor.AddKnownSecret(token);
        var lifetime = body.Long("expires_in") is { } seconds and > 0 ? seconds : DefaultLifetimeSeconds;
        return new IssuedToken(token, clock.GetUtcNow().AddSeconds(lifetime));
    }
}
