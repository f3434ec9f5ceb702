using Bastion.Providers;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>The page loop the four providers share (Bastion.Providers' PlatformPaging), over a scripted listing.</summary>
public class PlatformPagingTests
{
    private static Func<string?, CancellationToken, Task<PlatformPage<string>>> Script(List<string?> asked, params PlatformPage<string>[] pages) =>
        (cursor, _) =>
        {
            asked.Add(cursor);
            return Task.FromResult(pages[asked.Count - 1]);
        };

    [Fact]
    public async Task Gather_FollowsNextCursors_UntilTheLastPage()
    {
        var asked = new List<string?>();
        var list = await PlatformPaging.GatherAsync(Script(asked, new(["a", "b"], "2", 5), new(["c", "d"], "3", 5), new(["e"], null, 5)), 10, 10, null, default);
        Assert.Equal(["a", "b", "c", "d", "e"], list.Items);
        Assert.Equal([null, "2", "3"], asked);
        Assert.Equal(5, list.Total);
        Assert.False(list.Truncated);
        Assert.Equal(3, list.Pages);
    }

    [Fact]
    public async Task Gather_StopsAtTheLimit_AndSaysMoreExist()
    {
        var asked = new List<string?>();
        var list = await PlatformPaging.GatherAsync(Script(asked, new(["a", "b", "c"], "2", 9), new(["d"], null, 9)), 2, 10, null, default);
        Assert.Equal(["a", "b"], list.Items);
        Assert.Single(asked);
        Assert.True(list.Truncated);
        Assert.Equal(9, list.Total);
    }

    [Fact]
    public async Task Gather_DropsItemsSeenOnAnEarlierPage_AndStopsWhenAPageBringsNothingNew()
    {
        var asked = new List<string?>();
        var list = await PlatformPaging.GatherAsync(Script(asked, new(["a", "b"], "b"), new(["b", "c"], "c"), new(["c"], "c")), 10, 10, s => s, default);
        Assert.Equal(["a", "b", "c"], list.Items);
        Assert.Equal(3, asked.Count);
        Assert.False(list.Truncated);
    }

    [Fact]
    public async Task Gather_StopsAtMaxPages_AndMarksThePageBound()
    {
        var asked = new List<string?>();
        var list = await PlatformPaging.GatherAsync(Script(asked, new(["a"], "x"), new(["b"], "y"), new(["c"], "z")), 10, 2, null, default);
        Assert.Equal(["a", "b"], list.Items);
        Assert.True(list.PageBound);
        Assert.True(list.Truncated);
    }
}
