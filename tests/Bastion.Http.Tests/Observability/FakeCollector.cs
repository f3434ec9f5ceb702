using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Tests.Observability;

/// <summary>An OTLP/HTTP collector stand-in on 127.0.0.1: accepts <c>POST /v1/traces</c> and keeps what arrived.</summary>
internal sealed class FakeCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeCollector(WebApplication app) => _app = app;

    /// <summary>What was POSTed: path, Content-Type and body.</summary>
    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Exports { get; } = new();

    /// <summary>The base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address => new(_app.Urls.Single());

    public static async Task<FakeCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new FakeCollector(app);
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            collector.Exports.Enqueue((context.Request.Path, context.Request.ContentType, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
