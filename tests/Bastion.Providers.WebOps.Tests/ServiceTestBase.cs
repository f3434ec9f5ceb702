using Bastion.Fakes.WebOps;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>
/// A WebOps service on its own, against a fresh fake WebOps over HTTP for each test: no MCP, no pipeline.
/// </summary>
/// <param name="options">The fake's options (default: the fake's defaults).</param>
/// <param name="withBlog">Whether the fake starts with the user's running deployment "blog" (<see cref="AddBlog"/>).</param>
public abstract class ServiceTestBase(FakeWebOpsOptions? options = null, bool withBlog = false) : IAsyncLifetime
{
    /// <summary>The fake control panel.</summary>
    protected FakeWebOps Fake { get; private set; } = null!;

    /// <summary>Bastion's WebOps services, signed in to <see cref="Fake"/>.</summary>
    private protected WebOpsHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeWebOps.StartAsync(options);
        if (withBlog)
        {
            AddBlog();
        }

        Harness = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(Fake));
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Fake.DisposeAsync();
    }

    /// <summary>The service under test, from Bastion's container.</summary>
    protected T Resolve<T>()
        where T : notnull => Harness.Services.GetRequiredService<T>();

    /// <summary>Adds the user's running deployment "blog" to the fake.</summary>
    protected void AddBlog() =>
        Fake.Mutate(s => s.Create(Fake.Options.Username, "blog", "https://git.example.org/me/blog.git", "main", string.Empty, [], "running"));
}
