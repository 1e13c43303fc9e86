using SlackOigSync.Configuration;

namespace SlackOigSync.Tests.Configuration;

/// <summary>config/slack-roles.json against the role table of Slack's admin.roles.addAssignments documentation.</summary>
public sealed class RoleCatalogueTests
{
    private static readonly RoleCatalogue Shipped =
        RoleCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "config", "slack-roles.json")).Catalogue!;

    [Theory]
    [InlineData("Rl0L", "Analytics Admin")]
    [InlineData("Rl0C", "Audit Logs Admin")]
    [InlineData("Rl01", "Channel Admin")]
    [InlineData("Rl0A", "Channel Manager")]
    [InlineData("Rl05", "Conversation Admin")]
    [InlineData("Rl09", "DLP Admin")]
    [InlineData("Rl0F", "Exports Admin")]
    [InlineData("Rl0D", "Integrations Manager")]
    [InlineData("Rl04", "Legal Holds Admin")] // formerly Compliance Admin
    [InlineData("Rl0E", "Message Activity Manager")]
    [InlineData("Rl02", "Role Admin")]
    [InlineData("Rl0G", "Sales Admin")]
    [InlineData("Rl0J", "Security Admin")]
    [InlineData("Rl0B", "Slack Platform Developer")]
    [InlineData("Rl03", "User Admin")]
    [InlineData("Rl0K", "Workflow Admin")]
    public void Each_role_of_slacks_table_has_its_current_name(string roleId, string name) => Assert.Equal(name, Shipped.NameFor(roleId));

    [Fact]
    public void The_catalogue_holds_exactly_slacks_sixteen_roles() => Assert.Equal(16, Shipped.Names.Count);
}
