using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// A CloudStack management server's API on 127.0.0.1 (<c>/client/api</c>), strict about the contract: it recomputes
/// every signature from the parameters it received and refuses a missing or wrong one, an unknown API key and an
/// expired <c>expires</c> (errorcode 401, HTTP 401); <c>login</c> only by POST (405 otherwise); sessions need the
/// JSESSIONID cookie and the <c>sessionkey</c> parameter and expire when idle; lists need page and pagesize together
/// (431) and answer <c>{}</c> when empty; async jobs finish after N polls (or fail); missing parameters are 431. Faults
/// (503, hangs, 530) can be switched on per test. See <see cref="FakeCloud"/> for the state.
/// </summary>
public sealed class CloudStackFake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeApiHandler _handler;

    private CloudStackFake(WebApplication app, FakeApiHandler handler, Uri url)
    {
        _app = app;
        _handler = handler;
        Url = url;
    }

    /// <summary>The API endpoint, e.g. <c>http://127.0.0.1:41234/client/api</c>.</summary>
    public Uri Url { get; }

    /// <summary>The options it runs with.</summary>
    public CloudStackFakeOptions Options => _handler.Options;

    /// <summary>The cloud's state.</summary>
    public FakeCloud Cloud => _handler.Cloud;

    /// <summary>Fault injection.</summary>
    public FakeFaults Faults => _handler.Faults;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _handler.Requests;

    /// <summary>How many requests carried <paramref name="command"/>.</summary>
    public int Count(string command) => Requests.Count(r => r.Command == command);

    /// <summary>Calls refused by <see cref="CloudStackFakeOptions.ApiThrottle"/>.</summary>
    public int Throttled => _handler.Throttled;

    /// <summary>Ends every session, as a server restart or a timeout does.</summary>
    public void ExpireSessions() => _handler.ExpireSessions();

    /// <summary>Starts a fake on loopback.</summary>
    /// <param name="options">Who it accepts and how it behaves; defaults when null.</param>
    /// <param name="ownProcess">True when the fake is the process (Ctrl+C and SIGTERM stop it); false inside tests.</param>
    public static async Task<CloudStackFake> StartAsync(CloudStackFakeOptions? options = null, bool ownProcess = false)
    {
        options ??= new CloudStackFakeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (!ownProcess)
        {
            builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        }

        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var handler = new FakeApiHandler(options);
        app.Map("/client/api", (HttpContext context) => handler.HandleAsync(context));
        await app.StartAsync();
        var address = app.Urls.Select(u => new Uri(u)).First();
        return new CloudStackFake(app, handler, new Uri($"http://127.0.0.1:{address.Port}/client/api"));
    }

    /// <summary>Runs until the process is asked to stop (for <see cref="Program"/>).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    /// <summary>A host lifetime that leaves the test process's signals alone.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
