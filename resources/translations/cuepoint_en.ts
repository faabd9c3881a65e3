<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Keep the whole profile (database, settings, logs, caches) in &lt;dir&gt; instead of the user&apos;s data folder. Default: $CUEPOINT_PROFILE if set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan, validate and publish TikTok videos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video files to open (a running Cuepoint on the same profile is brought to the front instead).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--profile needs a folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::App::Application</name>
    <message>
        <source>Cuepoint cannot use its profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint cannot open its database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;cuepoint --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::App::SingleInstance</name>
    <message>
        <source>Cuepoint cannot create its lock file %1. Check that the profile folder can be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint cannot lock its profile (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint is already running with this profile (%1) but does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint is already running with this profile, but the request to show its window could not be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint is already running with this profile (%1) but did not confirm the request to show its window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cuepoint is already running with this profile but refused the request to show its window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::Gui::AboutDialog</name>
    <message>
        <source>About Cuepoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan, validate and publish TikTok videos, on your own computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Version Information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::Gui::AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No TikTok profiles connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TikTok profiles you connect will be listed here, once connecting a profile arrives in a coming version of Cuepoint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::Gui::MainWindow</name>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Media Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Log Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Cuepoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opening videos from the command line arrives with the composer in a coming version (%n file(s) received).</source>
        <translation>
            <numerusform>Opening videos from the command line arrives with the composer in a coming version (%n file received).</numerusform>
            <numerusform>Opening videos from the command line arrives with the composer in a coming version (%n files received).</numerusform>
        </translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database ready (schema %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::Gui::MediaLibraryPage</name>
    <message>
        <source>Media library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No videos yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported videos will appear here with their cover, duration and a check against TikTok&apos;s rules, once importing arrives in a coming version of Cuepoint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::Gui::SchedulePage</name>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing scheduled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled posts will appear here on a month and a week calendar, once scheduling arrives in a coming version of Cuepoint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cuepoint::Gui::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What Cuepoint runs on, for this profile. Changing settings here arrives in a coming version of Cuepoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the profile folder in the file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Because:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 (the latest this Cuepoint knows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether a system keychain answers…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
