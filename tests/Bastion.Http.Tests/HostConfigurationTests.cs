using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Http.Tests;

/// <summary>The host's configuration files are read at start and not watched (no FileSystemWatcher on the working directory).</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public async Task ConfigurationFiles_AreReadOnce_WithoutReloadOnChange()
    {
        await using var server = await HttpTestServer.StartAsync();

        var root = (IConfigurationRoot)server.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<FileConfigurationProvider>().ToList();

        files.ShouldNotBeEmpty("appsettings.json of the working directory is still read");
        files.ShouldAllBe(f => !f.Source.ReloadOnChange);
    }
}
