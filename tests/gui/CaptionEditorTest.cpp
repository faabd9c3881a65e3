// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The caption editor: the live counter against the spec's limit (product.md §6: 150
// characters), hashtag lists and templates inserted at the cursor, and the manager of both,
// whose changes reach the SQLite file.
#include "composer/CaptionEditor.h"

#include "TestProfile.h"
#include "composer/SnippetsDialog.h"

#include "cuepoint/core/media/SpecRules.h"
#include "cuepoint/core/storage/TemplateStore.h"
#include "cuepoint/core/support/Clock.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace Cuepoint;
using Gui::CaptionEditor;
using Gui::SnippetsDialog;

namespace {

constexpr int kWait = 30000;

QList<Core::CaptionTemplate> storedTemplates(const Test::TestProfile &profile)
{
    auto db = profile.openDatabase();
    const Core::SystemClock clock;
    return Core::TemplateStore(*db, clock).templates();
}

QList<Core::HashtagList> storedLists(const Test::TestProfile &profile)
{
    auto db = profile.openDatabase();
    const Core::SystemClock clock;
    return Core::TemplateStore(*db, clock).hashtagLists();
}

bool waitIdle(const SnippetsDialog &dialog)
{
    const bool idle = QTest::qWaitFor([&] { return !dialog.isBusy(); }, kWait);
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    return idle && !dialog.isBusy();
}

} // namespace

TEST(CaptionEditorTest, CounterAtTheLimitAndOneOver)
{
    // The product's limit (product.md §6), not TikTok's 2,200 UTF-16 units.
    ASSERT_EQ(CaptionEditor::characterLimit(), 150);
    ASSERT_EQ(Core::SpecRules::defaults().limits().maxCaptionCharacters, 150);
    CaptionEditor editor;
    auto *counter = editor.findChild<QLabel *>(QStringLiteral("captionCounterLabel"));
    ASSERT_NE(counter, nullptr);
    const QColor normal = editor.palette().color(QPalette::WindowText);
    const QColor red(0xd1, 0x3b, 0x3b);
    ASSERT_NE(normal, red);
    EXPECT_EQ(counter->text(), QStringLiteral("0 / 150"));
    EXPECT_EQ(counter->palette().color(QPalette::WindowText), normal);

    editor.setText(QString(150, u'a'));
    EXPECT_EQ(counter->text(), QStringLiteral("150 / 150"));
    EXPECT_FALSE(editor.isOverLimit());
    EXPECT_FALSE(counter->property("overLimit").toBool());
    EXPECT_EQ(counter->palette().color(QPalette::WindowText), normal);

    // Typed live, one more character.
    QTest::keyClick(editor.textEdit(), Qt::Key_B);
    EXPECT_EQ(counter->text(), QStringLiteral("151 / 150"));
    EXPECT_TRUE(editor.isOverLimit());
    EXPECT_TRUE(counter->property("overLimit").toBool());
    EXPECT_EQ(counter->palette().color(QPalette::WindowText), red);
    EXPECT_FALSE(editor.problems().isEmpty());

    QTest::keyClick(editor.textEdit(), Qt::Key_Backspace);
    EXPECT_EQ(counter->text(), QStringLiteral("150 / 150"));
    EXPECT_EQ(counter->palette().color(QPalette::WindowText), normal);
}

TEST(CaptionEditorTest, CounterCountsCharactersAsUsersSeeThem)
{
    CaptionEditor editor;
    // "e" + combining acute accent is one character; so is a family emoji.
    editor.setText(QStringLiteral("e\u0301\U0001F468\u200D\U0001F469\u200D\U0001F467"));
    EXPECT_EQ(editor.characterCount(), 2);
}

TEST(CaptionEditorTest, HashtagListGoesInAtTheCursorWithSpaces)
{
    CaptionEditor editor;
    editor.setText(QStringLiteral("Morning run by the fjord"));
    QTextCursor cursor = editor.textEdit()->textCursor();
    cursor.setPosition(7); // after "Morning"
    editor.textEdit()->setTextCursor(cursor);
    Core::HashtagList list;
    list.name = QStringLiteral("Running");
    list.hashtags = { QStringLiteral("#running"), QStringLiteral("#oslo") };
    editor.insertHashtagList(list);
    EXPECT_EQ(editor.text(), QStringLiteral("Morning #running #oslo run by the fjord"));
    // The cursor is right after the inserted hashtags.
    EXPECT_EQ(editor.textEdit()->textCursor().position(), 22);

    // At the end of a word at the end of the text: a space before, none after.
    editor.setText(QStringLiteral("Done"));
    editor.insertHashtagList(list);
    EXPECT_EQ(editor.text(), QStringLiteral("Done #running #oslo"));
    // After a space: no double space.
    editor.setText(QStringLiteral("Done "));
    editor.insertHashtagList(list);
    EXPECT_EQ(editor.text(), QStringLiteral("Done #running #oslo"));

    Core::CaptionTemplate tmpl;
    tmpl.body = QStringLiteral("New video every Friday!");
    editor.setText(QString());
    editor.insertTemplate(tmpl);
    EXPECT_EQ(editor.text(), tmpl.body);
}

TEST(CaptionEditorTest, SavedSnippetsAreOneClickAway)
{
    Cuepoint::Test::TestProfile profile;
    {
        auto db = profile.openDatabase();
        const Core::SystemClock clock;
        Core::TemplateStore store(*db, clock);
        Core::HashtagList list;
        list.name = QStringLiteral("Coffee");
        list.hashtags = { QStringLiteral("#coffee"), QStringLiteral("#espresso") };
        store.saveHashtagList(list);
        Core::CaptionTemplate tmpl;
        tmpl.name = QStringLiteral("Sale");
        tmpl.body = QStringLiteral("Weekend sale starts now");
        store.saveTemplate(tmpl);
    }
    CaptionEditor editor;
    QSignalSpy loaded(&editor, &CaptionEditor::snippetsLoaded);
    editor.setDatabasePath(profile.profile().databasePath());
    ASSERT_TRUE(QTest::qWaitFor([&] { return loaded.count() > 0; }, kWait));
    ASSERT_EQ(editor.hashtagLists().size(), 1);
    auto *hashtags = editor.findChild<QToolButton *>(QStringLiteral("hashtagListsButton"));
    auto *templates = editor.findChild<QToolButton *>(QStringLiteral("captionTemplatesButton"));
    ASSERT_TRUE(hashtags && templates);
    ASSERT_EQ(hashtags->menu()->actions().size(), 1);

    editor.setText(QStringLiteral("Fresh beans"));
    hashtags->menu()->actions().first()->trigger();
    EXPECT_EQ(editor.text(), QStringLiteral("Fresh beans #coffee #espresso"));
    editor.setText(QString());
    templates->menu()->actions().first()->trigger();
    EXPECT_EQ(editor.text(), QStringLiteral("Weekend sale starts now"));
}

TEST(CaptionEditorTest, ManagerCreatesAndDeletesTemplatesInTheDatabase)
{
    Cuepoint::Test::TestProfile profile;
    profile.openDatabase(); // a migrated, empty database
    CaptionEditor editor;
    editor.setDatabasePath(profile.profile().databasePath());
    editor.findChild<QToolButton *>(QStringLiteral("manageSnippetsButton"))->click();
    auto *dialog = editor.window()->findChild<SnippetsDialog *>();
    ASSERT_NE(dialog, nullptr);
    ASSERT_TRUE(waitIdle(*dialog));
    QSignalSpy reloaded(&editor, &CaptionEditor::snippetsLoaded);

    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("templateNameLineEdit"));
    auto *body = dialog->findChild<QPlainTextEdit *>(QStringLiteral("templateBodyTextEdit"));
    auto *save = dialog->findChild<QPushButton *>(QStringLiteral("templateSaveButton"));
    auto *remove = dialog->findChild<QPushButton *>(QStringLiteral("templateDeleteButton"));
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("templatesListWidget"));
    ASSERT_TRUE(name && body && save && remove && list);

    // An empty name is refused with a sentence, and nothing is written.
    body->setPlainText(QStringLiteral("Link in bio"));
    save->click();
    EXPECT_EQ(dialog->errorText(), QStringLiteral("Give the template a name."));
    ASSERT_TRUE(waitIdle(*dialog));
    EXPECT_TRUE(storedTemplates(profile).isEmpty());

    name->setText(QStringLiteral("Bio"));
    save->click();
    ASSERT_TRUE(waitIdle(*dialog));
    EXPECT_TRUE(dialog->errorText().isEmpty()) << dialog->errorText().toStdString();
    QList<Core::CaptionTemplate> stored = storedTemplates(profile);
    ASSERT_EQ(stored.size(), 1);
    EXPECT_EQ(stored.first().name, QStringLiteral("Bio"));
    EXPECT_EQ(stored.first().body, QStringLiteral("Link in bio"));
    ASSERT_EQ(list->count(), 1);
    // The caption editor's menu follows.
    ASSERT_TRUE(QTest::qWaitFor([&] { return editor.captionTemplates().size() == 1; }, kWait));
    EXPECT_GE(reloaded.count(), 1);

    // A second template with the same name (any case) is refused.
    dialog->findChild<QPushButton *>(QStringLiteral("templateNewButton"))->click();
    name->setText(QStringLiteral("bio"));
    body->setPlainText(QStringLiteral("Other"));
    save->click();
    EXPECT_EQ(
        dialog->errorText(), QStringLiteral("There is already a template named \u201cbio\u201d."));
    ASSERT_TRUE(waitIdle(*dialog));
    EXPECT_EQ(storedTemplates(profile).size(), 1);

    // Editing the selected one updates it in place.
    list->setCurrentRow(0);
    EXPECT_EQ(name->text(), QStringLiteral("Bio"));
    body->setPlainText(QStringLiteral("Link in bio \u2014 new shop"));
    save->click();
    ASSERT_TRUE(waitIdle(*dialog));
    stored = storedTemplates(profile);
    ASSERT_EQ(stored.size(), 1);
    EXPECT_EQ(stored.first().body, QStringLiteral("Link in bio \u2014 new shop"));

    // Delete.
    list->setCurrentRow(0);
    ASSERT_TRUE(remove->isEnabled());
    remove->click();
    ASSERT_TRUE(waitIdle(*dialog));
    EXPECT_TRUE(storedTemplates(profile).isEmpty());
    EXPECT_EQ(list->count(), 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return editor.captionTemplates().isEmpty(); }, kWait));
}

TEST(CaptionEditorTest, ManagerCreatesHashtagListsAndRefusesEmptyOnes)
{
    Cuepoint::Test::TestProfile profile;
    profile.openDatabase();
    SnippetsDialog dialog(profile.profile().databasePath());
    ASSERT_TRUE(waitIdle(dialog));
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("hashtagListNameLineEdit"));
    auto *body = dialog.findChild<QPlainTextEdit *>(QStringLiteral("hashtagListBodyTextEdit"));
    auto *save = dialog.findChild<QPushButton *>(QStringLiteral("hashtagListSaveButton"));
    ASSERT_TRUE(name && body && save);

    name->setText(QStringLiteral("Travel"));
    body->setPlainText(QStringLiteral("  "));
    save->click();
    EXPECT_EQ(dialog.errorText(), QStringLiteral("Add at least one hashtag, e.g. #travel."));

    body->setPlainText(QStringLiteral("#travel, oslo\n#fjord"));
    save->click();
    ASSERT_TRUE(waitIdle(dialog));
    const QList<Core::HashtagList> stored = storedLists(profile);
    ASSERT_EQ(stored.size(), 1);
    EXPECT_EQ(stored.first().hashtags,
        (QStringList {
            QStringLiteral("#travel"), QStringLiteral("#oslo"), QStringLiteral("#fjord") }));
}
