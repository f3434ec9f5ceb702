using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Policy;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Auth;

/// <summary>
/// Accepts Bastion API keys (<c>bst_&lt;id&gt;_&lt;secret&gt;</c>, made by <c>bastion keys create</c>) and answers
/// <see cref="AuthResult.NotMine"/> for any token without the <c>bst_</c> prefix. A key stands for the principal
/// <c>key:&lt;id&gt;</c> of the key's tenant, with the key's scopes and the server's mode. Unknown, wrong, revoked and
/// expired keys are refused with a sentence that names the key's id at most, never its secret.
/// </summary>
/// <param name="keys">Where keys are looked up (keys.json, read again when the file changes, or the shared store), so a
/// revocation applies from the next request.</param>
/// <param name="mode">The server's <c>--mode</c>, given to every principal.</param>
/// <param name="clock">The time expiries are compared with.</param>
/// <param name="logger">Told when the keys cannot be read; never of a key.</param>
public sealed partial class ApiKeyAuthenticator(IApiKeyLookup keys, Mode mode, TimeProvider clock, ILogger<ApiKeyAuthenticator> logger) : IAuthenticator
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
            LogStoreUnreadable(logger, e.Message);
            return AuthResult.Failure($"API keys cannot be checked right now: the server cannot {keys.Unavailable}. The server's log says why.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        if (key is null)
        {
            return AuthResult.Failure($"API key {id} is not valid: there is no such key, or its secret does not match.");
        }

        var now = clock.GetUtcNow();
        return key.StateAt(now) switch
        {
            ApiKeyState.Revoked => AuthResult.Failure($"API key {id} was revoked at {Utc(key.Revoked!.Value)}."),
            ApiKeyState.Expired => AuthResult.Failure($"API key {id} has expired (at {Utc(key.Expires!.Value)})."),
            _ => AuthResult.Success(new Principal(key.PrincipalName, key.Tenant, new HashSet<string>(key.Scopes, StringComparer.Ordinal), mode)),
        };
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "API keys cannot be checked: {Problem}")]
    private static partial void LogStoreUnreadable(ILogger logger, string problem);
}
