using Bastion.Core.Credentials;

namespace Bastion.Core.Tests.Credentials;

/// <summary>An exchange that does what a test says for each call (numbered from 1) and counts the calls.</summary>
internal sealed class FakeExchange(Func<int, CancellationToken, Task<IssuedToken>> behave) : ITokenExchange
{
    private int _calls;
    private CancellationToken _lastToken;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The cancellation token the last call was given.</summary>
    public CancellationToken LastToken => _lastToken;

    public Task<IssuedToken> ExchangeAsync(CancellationToken ct)
    {
        _lastToken = ct;
        return behave(Interlocked.Increment(ref _calls), ct);
    }
}
