using Bastion.Core.Policy;
using Bastion.Http.Auth;

namespace Bastion.Http.Tests;

/// <summary>An authenticator for transport tests: known tokens stand for fixed principals; anything else is refused.</summary>
internal sealed class TokenTable(IReadOnlyDictionary<string, Principal> principals) : IAuthenticator
{
    public static Principal Member(string name, string tenant, Mode mode = Mode.ReadOnly) =>
        new(name, tenant, Scopes.ForMode(mode), mode);

    public ValueTask<AuthResult> AuthenticateAsync(string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(principals.TryGetValue(token, out var principal) ? AuthResult.Success(principal) : AuthResult.Failure("unknown test token"));
}
