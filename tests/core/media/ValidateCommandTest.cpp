// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the real `cuepoint-cli validate` executable: exit codes, JSON and sentences.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace {

QString fixture(const QString &name)
{
    return QDir(QStringLiteral(CUEPOINT_FIXTURES_DIR)).filePath(name);
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError) << out.toStdString();
        EXPECT_TRUE(doc.isObject()) << out.toStdString();
        return doc.object();
    }
};

class ValidateCommandTest : public ::testing::Test
{
protected:
    QTemporaryDir m_profile;

    CliRun cli(const QStringList &args)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CUEPOINT_PROFILE"), m_profile.path());
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CUEPOINT_CLI_PATH), args);
        EXPECT_TRUE(process.waitForFinished(20000)) << "cuepoint-cli hung";
        CliRun run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    CliRun validate(const QString &file, QStringList extra = {})
    {
        extra.prepend(file);
        extra.prepend(QStringLiteral("validate"));
        return cli(extra);
    }
};

QSet<QString> rules(const QJsonArray &items)
{
    QSet<QString> set;
    for (const QJsonValue &item : items) {
        set.insert(item.toObject().value(QStringLiteral("rule")).toString());
    }
    return set;
}

QSet<QString> listToSet(const QString &commaList)
{
    QSet<QString> set;
    for (const QString &item : commaList.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        set.insert(item);
    }
    return set;
}

// MANIFEST.tsv says, for every fixture, the exit code and the rules (or the reason) expected.
TEST_F(ValidateCommandTest, EveryFixtureOfTheManifest)
{
    QFile manifest(fixture(QStringLiteral("MANIFEST.tsv")));
    ASSERT_TRUE(manifest.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = manifest.readAll().split('\n');
    int checked = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cols = QString::fromUtf8(lines[i]).split(QLatin1Char('\t'));
        if (cols.size() < 3) {
            continue;
        }
        const QString &file = cols[0];
        const int expectedExit = cols[1].toInt();
        const QString &expect = cols[2];
        SCOPED_TRACE(file.toStdString());
        const CliRun run = validate(fixture(file), { QStringLiteral("--json") });
        EXPECT_EQ(run.exitCode, expectedExit) << run.out.toStdString() << run.err.toStdString();
        const QJsonObject json = run.json();
        EXPECT_EQ(json.value(QStringLiteral("file")).toString(), fixture(file));
        EXPECT_EQ(json.value(QStringLiteral("valid")).toBool(), expectedExit == 0);
        if (expectedExit == 2) {
            EXPECT_EQ(json.value(QStringLiteral("error")).toString(), expect);
            EXPECT_FALSE(json.value(QStringLiteral("message")).toString().isEmpty());
            // The sentence is on stderr too, for people reading a terminal.
            EXPECT_TRUE(
                run.err.contains(json.value(QStringLiteral("message")).toString().toUtf8()));
        } else if (expectedExit == 1) {
            EXPECT_EQ(rules(json.value(QStringLiteral("violations")).toArray()), listToSet(expect));
        } else {
            EXPECT_TRUE(json.value(QStringLiteral("violations")).toArray().isEmpty());
            const QString warnings =
                expect.startsWith(QLatin1String("warn:")) ? expect.mid(5) : QString();
            EXPECT_EQ(rules(json.value(QStringLiteral("warnings")).toArray()), listToSet(warnings));
            EXPECT_TRUE(run.err.isEmpty()) << run.err.toStdString();
        }
        ++checked;
    }
    EXPECT_GE(checked, 40);
}

TEST_F(ValidateCommandTest, JsonHasEveryDocumentedField)
{
    const CliRun run =
        validate(fixture(QStringLiteral("ok_rotation_minus90.mp4")), { QStringLiteral("--json") });
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    const QJsonObject json = run.json();
    for (const char *key : { "file", "size_bytes", "container", "video_codec", "width", "height",
             "display_width", "display_height", "rotation", "fps", "variable_frame_rate",
             "duration_ms", "has_audio", "audio_codec", "violations", "warnings" }) {
        EXPECT_TRUE(json.contains(QLatin1String(key))) << key;
    }
    EXPECT_EQ(json.value(QStringLiteral("size_bytes")).toInteger(),
        QFileInfo(fixture(QStringLiteral("ok_rotation_minus90.mp4"))).size());
    EXPECT_EQ(json.value(QStringLiteral("container")).toString(), QStringLiteral("mp4"));
    EXPECT_EQ(json.value(QStringLiteral("video_codec")).toString(), QStringLiteral("h264"));
    EXPECT_EQ(json.value(QStringLiteral("width")).toInt(), 640);
    EXPECT_EQ(json.value(QStringLiteral("height")).toInt(), 360);
    EXPECT_EQ(json.value(QStringLiteral("display_width")).toInt(), 360);
    EXPECT_EQ(json.value(QStringLiteral("display_height")).toInt(), 640);
    EXPECT_EQ(json.value(QStringLiteral("rotation")).toInt(), 90);
    EXPECT_NEAR(json.value(QStringLiteral("fps")).toDouble(), 30.0, 0.01);
    EXPECT_FALSE(json.value(QStringLiteral("variable_frame_rate")).toBool());
    EXPECT_NEAR(json.value(QStringLiteral("duration_ms")).toInteger(), 5000, 50);
    EXPECT_FALSE(json.value(QStringLiteral("has_audio")).toBool());
    EXPECT_TRUE(json.value(QStringLiteral("audio_codec")).isNull());

    const QJsonObject withAudio =
        validate(fixture(QStringLiteral("ok_vp9_opus.webm")), { QStringLiteral("--json") }).json();
    EXPECT_TRUE(withAudio.value(QStringLiteral("has_audio")).toBool());
    EXPECT_EQ(withAudio.value(QStringLiteral("audio_codec")).toString(), QStringLiteral("opus"));
    EXPECT_EQ(withAudio.value(QStringLiteral("container")).toString(), QStringLiteral("webm"));
}

TEST_F(ValidateCommandTest, JsonViolationHasRuleMessageActualAndLimit)
{
    const CliRun run = validate(fixture(QStringLiteral("fps20.mp4")), { QStringLiteral("--json") });
    EXPECT_EQ(run.exitCode, 1);
    const QJsonArray violations = run.json().value(QStringLiteral("violations")).toArray();
    ASSERT_EQ(violations.size(), 1);
    const QJsonObject v = violations[0].toObject();
    EXPECT_EQ(v.value(QStringLiteral("rule")).toString(), QStringLiteral("frame_rate"));
    EXPECT_EQ(v.value(QStringLiteral("message")).toString(),
        QStringLiteral("The video runs at 20 fps; TikTok needs 23 to 60 fps."));
    EXPECT_DOUBLE_EQ(v.value(QStringLiteral("actual")).toDouble(), 20.0);
    EXPECT_EQ(v.value(QStringLiteral("limit")).toString(), QStringLiteral("23-60"));
    const QJsonArray warnings = run.json().value(QStringLiteral("warnings")).toArray();
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_EQ(warnings[0].toObject().value(QStringLiteral("rule")).toString(),
        QStringLiteral("no_audio"));
}

TEST_F(ValidateCommandTest, HumanReportNamesTheProblem)
{
    const CliRun bad = validate(fixture(QStringLiteral("fps20.mp4")));
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(bad.out.contains("not valid for TikTok (1 problem)")) << bad.out.toStdString();
    EXPECT_TRUE(bad.out.contains("problem: The video runs at 20 fps; TikTok needs 23 to 60 fps."));
    EXPECT_TRUE(bad.out.contains("warning: The video has no sound."));

    const CliRun good = validate(fixture(QStringLiteral("ok_h264_aac_faststart.mp4")));
    EXPECT_EQ(good.exitCode, 0);
    EXPECT_TRUE(good.out.startsWith("ok_h264_aac_faststart.mp4: valid for TikTok\n"))
        << good.out.toStdString();
    EXPECT_TRUE(good.out.contains("MP4, H.264 (High), 360x640, 30 fps, 5.00 s, AAC audio"))
        << good.out.toStdString();
    EXPECT_FALSE(good.out.contains("problem:"));
    // The spec resource is linked into the executable: no fallback message.
    EXPECT_TRUE(good.err.isEmpty()) << good.err.toStdString();
}

TEST_F(ValidateCommandTest, CreatorMaximumDuration)
{
    const QString clip = fixture(QStringLiteral("ok_h264_aac_faststart.mp4")); // 5 s
    const CliRun over = validate(clip,
        { QStringLiteral("--max-duration-sec"), QStringLiteral("4"), QStringLiteral("--json") });
    EXPECT_EQ(over.exitCode, 1);
    const QJsonObject v = over.json().value(QStringLiteral("violations")).toArray()[0].toObject();
    EXPECT_EQ(v.value(QStringLiteral("rule")).toString(), QStringLiteral("duration"));
    EXPECT_EQ(v.value(QStringLiteral("limit")).toInteger(), 4000);
    EXPECT_TRUE(
        v.value(QStringLiteral("message")).toString().contains(QLatin1String("this account")));

    EXPECT_EQ(validate(clip, { QStringLiteral("--max-duration-sec=5") }).exitCode, 0);
    const CliRun nonsense =
        validate(clip, { QStringLiteral("--max-duration-sec"), QStringLiteral("x") });
    EXPECT_EQ(nonsense.exitCode, 2);
    EXPECT_TRUE(nonsense.err.contains("--max-duration-sec")) << nonsense.err.toStdString();
    EXPECT_EQ(
        validate(clip, { QStringLiteral("--max-duration-sec"), QStringLiteral("0") }).exitCode, 2);
}

TEST_F(ValidateCommandTest, NotReadableAsAVideoExitsTwoWithASentence)
{
    const QTemporaryDir dir;
    const CliRun missing = validate(dir.filePath(QStringLiteral("missing.mp4")));
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains("There is no file at")) << missing.err.toStdString();
    EXPECT_TRUE(missing.out.isEmpty());

    const CliRun folder = validate(dir.path());
    EXPECT_EQ(folder.exitCode, 2);
    EXPECT_TRUE(folder.err.contains("is a folder, not a video file")) << folder.err.toStdString();

    const CliRun folderJson = validate(dir.path(), { QStringLiteral("--json") });
    EXPECT_EQ(folderJson.exitCode, 2);
    EXPECT_EQ(
        folderJson.json().value(QStringLiteral("error")).toString(), QStringLiteral("not_a_file"));

    const CliRun text = validate(fixture(QStringLiteral("text_named.mp4")));
    EXPECT_EQ(text.exitCode, 2);
    EXPECT_TRUE(text.err.contains("not a video")) << text.err.toStdString();

    const CliRun cover = validate(fixture(QStringLiteral("audio_with_cover.m4a")));
    EXPECT_EQ(cover.exitCode, 2);
    EXPECT_TRUE(cover.err.contains("cover picture")) << cover.err.toStdString();

    if (QFile::exists(QStringLiteral("/proc/self/mem"))) {
        const CliRun unreadable = validate(QStringLiteral("/proc/self/mem"));
        EXPECT_EQ(unreadable.exitCode, 2);
        EXPECT_TRUE(unreadable.err.contains("cannot be read")) << unreadable.err.toStdString();
    }
}

TEST_F(ValidateCommandTest, UsageErrors)
{
    const CliRun none = cli({ QStringLiteral("validate") });
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_TRUE(none.err.contains("which file?")) << none.err.toStdString();

    const CliRun two = cli({ QStringLiteral("validate"), fixture(QStringLiteral("fps20.mp4")),
        fixture(QStringLiteral("fps22.mp4")) });
    EXPECT_EQ(two.exitCode, 2);

    const CliRun unknown = cli({ QStringLiteral("validate"), QStringLiteral("--frobnicate"),
        fixture(QStringLiteral("fps20.mp4")) });
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains("frobnicate")) << unknown.err.toStdString();
}

TEST_F(ValidateCommandTest, HelpIsListedAndWorks)
{
    const CliRun help = cli({ QStringLiteral("validate"), QStringLiteral("--help") });
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.startsWith("Usage: cuepoint-cli validate FILE")) << help.out.toStdString();
    EXPECT_TRUE(help.out.contains("--max-duration-sec"));

    const CliRun top = cli({ QStringLiteral("--help") });
    EXPECT_EQ(top.exitCode, 0);
    EXPECT_TRUE(top.out.contains("validate")) << top.out.toStdString();
}

} // namespace
