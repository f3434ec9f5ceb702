using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Bastion.Fakes.Cloudways;

/// <summary>
/// A strict fake of the Cloudways REST API (v1 paths, also served under /api/v2) on 127.0.0.1, for tests in process
/// (<see cref="StartAsync"/>) or as a process (see Program). Tests reach its state, switch faults on, and read the
/// requests it received.
/// </summary>
public sealed class CloudwaysFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private FakeRateLimit? _rateLimit;

    private CloudwaysFake(WebApplication app, FakeOptions options)
    {
        _app = app;
        Options = options;
        State = new FakeState(options);
    }

    /// <summary>How it was started.</summary>
    public FakeOptions Options { get; }

    /// <summary>The account's data and tokens.</summary>
    public FakeState State { get; }

    /// <summary>Faults to inject into the next requests.</summary>
    public FakeFaults Faults { get; } = new();

    /// <summary>The REST base, e.g. http://127.0.0.1:41234/api/v1.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests refused by <see cref="FakeOptions.RateLimit"/>.</summary>
    public int RateLimited => _rateLimit?.Refused ?? 0;

    /// <summary>Every request so far, oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Starts the fake on 127.0.0.1.</summary>
    public static async Task<CloudwaysFake> StartAsync(FakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var fake = new CloudwaysFake(app, options);
        var api = new FakeApi(fake.State, options, fake.Faults, fake._requests.Enqueue);
        if (options.RateLimit is { } limit)
        {
            fake._rateLimit = new FakeRateLimit(limit, options.RateLimitWindow, options.Clock);
            app.Use(fake._rateLimit.InvokeAsync);
        }

        app.Run(api.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("Kestrel did not start.");
        fake.BaseUrl = new Uri($"{address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/')}/api/v1");
        return fake;
    }

    /// <summary>Forgets the requests received so far.</summary>
    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }
}
