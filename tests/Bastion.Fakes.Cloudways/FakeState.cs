using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Bastion.Fakes.Cloudways;

/// <summary>The fake account: servers with apps, projects, team, alerts, operations, and the tokens in circulation.</summary>
public sealed class FakeState
{
    private readonly FakeOptions _options;
    private readonly ConcurrentDictionary<string, FakeToken> _tokens = new(StringComparer.Ordinal);
    private long _nextOperation = 596280;
    private int _tokensIssued;

    internal FakeState(FakeOptions options)
    {
        _options = options;
        ApiKey = options.ApiKey;
        Email = options.Email;
        foreach (var (token, role) in options.AccessTokens)
        {
            _tokens[token] = new FakeToken(token, null, role, null);
        }

        Servers =
        [
            new FakeServer
            {
                Id = 50482, Label = "Prod DO", PublicIp = "203.0.113.10", MasterPassword = "mstr-Pw-5a8e1c7d0b",
                Apps =
                [
                    new FakeApp { Id = 131933, Label = "shop", SysUser = "shopusr1", SysPassword = "appPw-Shop-91c3e7a2", ProjectId = 1574, Cname = "shop.example.test" },
                    new FakeApp { Id = 131934, Label = "blog", SysUser = "blogusr2", SysPassword = "appPw-Blog-4d0f8b61", ProjectId = 1574 },
                ],
            },
            new FakeServer
            {
                Id = 50483, Label = "Staging Vultr", Cloud = "vultr", Region = "ams", InstanceType = "1GB", PublicIp = "203.0.113.11", MasterPassword = "mstr-Pw-0e9d2c4b7f",
                Apps = [new FakeApp { Id = 131940, Label = "shop-staging", SysUser = "stgusr03", SysPassword = "appPw-Stg-6b2a9e05", ProjectId = 1575, Application = "woocommerce" }],
            },
            new FakeServer { Id = 50484, Label = "Old box", PublicIp = "203.0.113.12", MasterPassword = "mstr-Pw-old-1a2b3c", Terminated = true },
        ];
        Projects = [(1574, "Shop"), (1575, "Staging"), (1, "Default project")];
        Alerts = [.. Enumerable.Range(0, 7).Select(i => new FakeAlert { Id = 1001 + i, ServerId = i % 2 == 0 ? 50482 : 50483, Subject = i % 2 == 0 ? "Disk Inode Alert" : "High CPU Alert" })];
    }

    /// <summary>The email the exchange accepts.</summary>
    public string Email { get; set; }

    /// <summary>The API key the exchange accepts; set another to "regenerate" it (tokens already issued stay valid unless revoked).</summary>
    public string ApiKey { get; set; }

    public List<FakeServer> Servers { get; }

    public List<(long Id, string Name)> Projects { get; }

    public List<FakeAlert> Alerts { get; }

    public ConcurrentDictionary<long, FakeOperation> Operations { get; } = new();

    /// <summary>When true, operations complete with is_completed "-1".</summary>
    public bool FailOperations { get; set; }

    /// <summary>Tokens issued by the exchange so far.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Every token the fake accepts or has accepted.</summary>
    public IReadOnlyCollection<FakeToken> Tokens => [.. _tokens.Values];

    /// <summary>Makes every exchanged token expire now.</summary>
    public void ExpireTokens()
    {
        foreach (var token in _tokens.Values.Where(t => t.ApiKey is not null))
        {
            _tokens[token.Value] = token with { ExpiresAt = _options.Clock.GetUtcNow().AddSeconds(-1) };
        }
    }

    /// <summary>Forgets every exchanged token (as when the key is regenerated and old sessions are cut).</summary>
    public void RevokeTokens()
    {
        foreach (var token in _tokens.Values.Where(t => t.ApiKey is not null))
        {
            _tokens.TryRemove(token.Value, out _);
        }
    }

    internal FakeToken Issue()
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        var token = new FakeToken(value, _options.Clock.GetUtcNow() + _options.TokenLifetime, "FULL", ApiKey);
        _tokens[value] = token;
        Interlocked.Increment(ref _tokensIssued);
        return token;
    }

    internal FakeToken? Find(string value) => _tokens.GetValueOrDefault(value);

    internal bool Expired(FakeToken token) => token.ExpiresAt is { } expires && _options.Clock.GetUtcNow() >= expires;

    internal FakeOperation StartOperation(string type, long serverId, long appId = 0, string? parameters = null, Action? effect = null)
    {
        var operation = new FakeOperation
        {
            Id = Interlocked.Increment(ref _nextOperation),
            Type = type,
            ServerId = serverId,
            AppId = appId,
            Parameters = parameters,
            Effect = effect,
        };
        Operations[operation.Id] = operation;
        return operation;
    }

    /// <summary>One look at an operation: counts it, and completes it on the configured look.</summary>
    internal FakeOperation Poll(FakeOperation operation)
    {
        lock (operation)
        {
            operation.Polls++;
            if (operation.Completed == "0" && operation.Polls >= _options.PollsToComplete)
            {
                if (FailOperations)
                {
                    operation.Completed = "-1";
                }
                else
                {
                    operation.Completed = "1";
                    operation.Effect?.Invoke();
                }
            }

            return operation;
        }
    }
}
