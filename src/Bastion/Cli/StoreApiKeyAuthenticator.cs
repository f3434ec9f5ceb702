using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>
/// Checks <c>Authorization: Bearer bst_…</c> against the API keys of the shared store (<c>bastion keys create --store</c>),
/// for <c>serve --http --store</c>: one indexed lookup per request, so a key made or revoked on any machine counts on
/// every instance from its next request. The answers are those of <see cref="ApiKeyAuthenticator"/>; when the store
/// cannot be reached the request is refused (never let through) and the log says why.
/// </summary>
internal sealed partial class StoreApiKeyAuthenticator(StoreKeys keys, Mode mode, TimeProvider clock, ILogger<StoreApiKeyAuthenticator> logger) : IAuthenticator
{
    public async ValueTask<AuthResult> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith(ApiKeyToken.Prefix, StringComparison.Ordinal))
        {
            return AuthResult.NotMine;
        }

        if (!ApiKeyToken.TryParse(token, out var id, out var secret))
        {
            return AuthResult.Failure(
                $"The API key is malformed: Bastion API keys are {ApiKeyToken.Length} characters, bst_<8-character id>_<43-character secret>, as `bastion keys create` prints them.");
        }

        ApiKeyRecord? key;
        try
        {
            key = await keys.FindAsync(id, secret, cancellationToken);
        }
        catch (BastionException e)
        {
            LogStoreUnavailable(logger, e.Message);
            return AuthResult.Failure("API keys cannot be checked right now: the server cannot reach its shared store. The server's log says why.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        if (key is null)
        {
            return AuthResult.Failure($"API key {id} is not valid: there is no such key, or its secret does not match.");
        }

        return key.StateAt(clock.GetUtcNow()) switch
        {
            ApiKeyState.Revoked => AuthResult.Failure($"API key {id} was revoked at {Utc(key.Revoked!.Value)}."),
            ApiKeyState.Expired => AuthResult.Failure($"API key {id} has expired (at {Utc(key.Expires!.Value)})."),
            _ => AuthResult.Success(new Principal(key.PrincipalName, key.Tenant, new HashSet<string>(key.Scopes, StringComparer.Ordinal), mode)),
        };
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "API keys cannot be checked: {Problem}")]
    private static partial void LogStoreUnavailable(ILogger logger, string problem);
}
