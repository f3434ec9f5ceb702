using Bastion.Core.Credentials;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Core.Tests.Credentials;

public class TokenProviderRegistryTests
{
    private static TokenProvider Provider(string name) =>
        new(name, new FakeExchange((_, _) => Task.FromResult(new IssuedToken("t", DateTimeOffset.MaxValue))), new TokenProviderOptions(), TimeProvider.System, NullLogger<TokenProvider>.Instance);

    [Fact]
    public void Get_ReturnsTheRegisteredProvider()
    {
        var registry = new TokenProviderRegistry();
        var provider = Provider("cloudways");
        registry.Register(provider);

        registry.Get("cloudways").ShouldBeSameAs(provider);
        registry.TryGet("cloudways", out var found).ShouldBeTrue();
        found.ShouldBeSameAs(provider);
    }

    [Fact]
    public void Get_RefusesAnUnknownName_AndListsTheKnownOnes()
    {
        var registry = new TokenProviderRegistry();
        Should.Throw<BastionException>(() => registry.Get("x")).Message.ShouldBe("No credential named 'x': none is configured.");
        registry.Register(Provider("webops"));
        registry.Register(Provider("alpacon"));

        Should.Throw<BastionException>(() => registry.Get("x")).Message.ShouldBe("No credential named 'x'; known: alpacon, webops.");
        registry.TryGet("x", out _).ShouldBeFalse();
    }

    [Fact]
    public void Register_RefusesADuplicateName()
    {
        var registry = new TokenProviderRegistry();
        registry.Register(Provider("cloudways"));

        Should.Throw<BastionException>(() => registry.Register(Provider("cloudways"))).Message.ShouldContain("already registered");
    }

    [Fact]
    public void Statuses_ListsEveryCredential_ByName()
    {
        var registry = new TokenProviderRegistry();
        registry.Register(Provider("webops"));
        registry.Register(Provider("alpacon"));
        registry.Register(Provider("cloudstack"));

        registry.Statuses().Select(s => (s.Name, s.State)).ShouldBe([("alpacon", "never_fetched"), ("cloudstack", "never_fetched"), ("webops", "never_fetched")]);
        registry.Names.ShouldBe(["alpacon", "cloudstack", "webops"]);
    }
}
