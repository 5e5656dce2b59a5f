using netDumbster.smtp;

namespace Marketplace.IntegrationTests.Infrastructure;

public static class TestMailbox
{
    /// <summary>
    /// The mails received so far. netDumbster copies its list while its SMTP sessions may append to it, which throws
    /// now and then (IndexOutOfRangeException) when tests run side by side: read again until a copy is whole.
    /// </summary>
    public static IReadOnlyList<SmtpMessage> Received(this SimpleSmtpServer mail)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return mail.ReceivedEmail;
            }
            catch (Exception exception) when (attempt < 20 && exception is IndexOutOfRangeException or ArgumentException)
            {
                Thread.Yield();
            }
        }
    }
}
