using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Bastion.Fakes.Alpacon;

/// <summary>
/// A strict contract fake of one Alpacon workspace on 127.0.0.1, built from Bastion's notes on Alpacon's API
/// (shared/design/platforms/alpacon.md): token auth (401 in DRF's shape when missing or wrong), trailing-slash paths,
/// page-number pagination capped at page_size 100, the Command API lifecycle (queued → running → success/failed with
/// handled_at; awaiting_approval for lines an approval rule flags until <see cref="Approve"/> or <see cref="Reject"/>;
/// denied for lines a deny rule flags; stuck for disconnected servers), WebFTP with presigned, expiring, signed storage
/// URLs the fake serves itself, events, notes, IAM, alert rules, metrics and /api/proc/. Commands really run on this
/// machine (see <see cref="FakeAgent"/>), so their output is real Linux output.
/// </summary>
public sealed partial class AlpaconFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AlpaconFakeOptions _options;
    private readonly List<FakeServer> _servers;
    private readonly ConcurrentDictionary<string, FakeCommand> _commands = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, FakeTransfer> _transfers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _storage = new(StringComparer.Ordinal);
    private readonly List<Regex> _approval = [];
    private readonly List<Regex> _deny = [];
    private readonly Lock _gate = new();
    private DateTimeOffset _throttleStart;
    private int _throttleCount;
    private readonly byte[] _signingKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _notes = [];
    private readonly List<JsonObject> _users = [];
    private readonly List<JsonObject> _groups = [];
    private readonly List<JsonObject> _rules = [];
    private readonly List<JsonObject> _alerts = [];
    private readonly List<Task> _work = [];
    private int _storageRequestsWithAuthorization;

    private AlpaconFake(WebApplication app, AlpaconFakeOptions options)
    {
        _app = app;
        _options = options;
        _servers = [.. options.Servers ?? [new FakeServer("3b0e6a52-6f1c-4c8e-9d0a-000000000001", "web-01"), new FakeServer("3b0e6a52-6f1c-4c8e-9d0a-000000000002", "db-01")]];
        Seed();
    }

    /// <summary>The workspace's base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The token the fake accepts.</summary>
    public string Token => _options.Token;

    /// <summary>The workspace's servers.</summary>
    public IReadOnlyList<FakeServer> Servers => _servers;

    /// <summary>Every command submitted, in order.</summary>
    public IReadOnlyList<FakeCommand> Commands => [.. _order.Select(id => _commands[id])];

    /// <summary>How many storage requests carried an Authorization header (they never should: the URL is the credential).</summary>
    public int StorageRequestsWithAuthorization => _storageRequestsWithAuthorization;

    /// <summary>Starts a fake on 127.0.0.1.</summary>
    public static async Task<AlpaconFake> StartAsync(AlpaconFakeOptions? options = null)
    {
        options ??= new AlpaconFakeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var fake = new AlpaconFake(app, options);
        fake.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Commands whose line matches <paramref name="pattern"/> wait at awaiting_approval for a reviewer.</summary>
    public void RequireApproval(string pattern)
    {
        lock (_gate)
        {
            _approval.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }
    }

    /// <summary>Commands whose line matches <paramref name="pattern"/> are denied by a command ACL.</summary>
    public void Deny(string pattern)
    {
        lock (_gate)
        {
            _deny.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        }
    }

    /// <summary>A reviewer approves a parked command: it runs.</summary>
    public bool Approve(string id)
    {
        if (!_commands.TryGetValue(id, out var command) || !command.Move("queued", "awaiting_approval"))
        {
            return false;
        }

        Start(command);
        return true;
    }

    /// <summary>A reviewer rejects a parked command: it never runs.</summary>
    public bool Reject(string id) => _commands.TryGetValue(id, out var command) && command.Move("rejected", "awaiting_approval");

    public async ValueTask DisposeAsync()
    {
        Task[] work;
        lock (_gate)
        {
            work = [.. _work];
        }

        await Task.WhenAll(work.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _work.RemoveAll(t => t.IsCompleted);
            _work.Add(task);
        }
    }

    /// <summary>Requests refused by <see cref="AlpaconFakeOptions.Throttle"/>.</summary>
    public int ThrottledRequests { get; private set; }

    /// <summary>Counts an authenticated request against the throttle; the seconds to wait when it is over.</summary>
    private int? Throttled()
    {
        if (_options.Throttle is not { } limit)
        {
            return null;
        }

        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now - _throttleStart >= _options.ThrottleWindow)
            {
                (_throttleStart, _throttleCount) = (now, 0);
            }

            if (_throttleCount < limit)
            {
                _throttleCount++;
                return null;
            }

            ThrottledRequests++;
            return Math.Max(1, (int)Math.Ceiling((_throttleStart + _options.ThrottleWindow - now).TotalSeconds));
        }
    }

    private FakeServer? Server(string? id) => _servers.FirstOrDefault(s => s.Id == id);

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith("/_storage/", StringComparison.Ordinal))
            {
                if (context.Request.Headers.ContainsKey("Authorization"))
                {
                    Interlocked.Increment(ref _storageRequestsWithAuthorization);
                }

                await next(context);
                return;
            }

            if (!path.EndsWith('/'))
            {
                await FakeJson.NotFound().ExecuteAsync(context);
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            if (header.Length == 0)
            {
                await FakeJson.Error(401, "Authentication credentials were not provided.", "not_authenticated").ExecuteAsync(context);
                return;
            }

            if (header != $"token={Token}" && header != $"token=\"{Token}\"")
            {
                await FakeJson.Error(401, "Invalid token.", "authentication_failed").ExecuteAsync(context);
                return;
            }

            if (Throttled() is { } wait)
            {
                context.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await FakeJson.Error(429, $"Request was throttled. Expected available in {wait} seconds.", "throttled").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        MapResources();
        MapCommands();
        MapWebFtp();
        _app.MapFallback(() => FakeJson.NotFound());
    }
}
