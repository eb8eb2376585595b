using Coordinator.Cli;

public class TerminalTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("\u001b[2Jcleared", "\\x1B[2Jcleared")]
    [InlineData("a\nb\tc\rd", "a\\nb\\tc\\rd")]
    [InlineData("\u009b31m", "\\x9B31m")]
    [InlineData("line\u2028break", "line\\u2028break")]
    [InlineData("naïve ✓", "naïve ✓")]
    public void Clean_writes_control_characters_as_visible_escapes(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Clean(text));
    }

    [Fact]
    public void CleanLines_keeps_line_breaks_and_cleans_each_line()
    {
        Assert.Equal("one\n\\x1B[31mtwo", TerminalText.CleanLines("one\n\u001b[31mtwo"));
    }

    [Fact]
    public void Quote_cuts_long_text_and_says_how_much_was_left_out()
    {
        Assert.Equal("short", TerminalText.Quote("short"));
        Assert.Equal(new string('a', 80) + "… (920 more characters)", TerminalText.Quote(new string('a', 1000)));
        Assert.Equal("\\x1B… (3 more characters)", TerminalText.Quote("\u001b[2J", 4));
    }
}
