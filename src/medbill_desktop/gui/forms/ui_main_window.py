# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QMainWindow, QMenu, QMenuBar, QPushButton,
    QSizePolicy, QSpacerItem, QStackedWidget, QStatusBar,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        self.actionSave = QAction(MainWindow)
        self.actionSave.setObjectName(u"actionSave")
#if QT_CONFIG(shortcut)
        self.actionSave.setShortcut(u"Ctrl+S")
#endif // QT_CONFIG(shortcut)
        self.actionLock = QAction(MainWindow)
        self.actionLock.setObjectName(u"actionLock")
#if QT_CONFIG(shortcut)
        self.actionLock.setShortcut(u"Ctrl+L")
#endif // QT_CONFIG(shortcut)
        self.actionSignOut = QAction(MainWindow)
        self.actionSignOut.setObjectName(u"actionSignOut")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(u"Ctrl+Q")
#endif // QT_CONFIG(shortcut)
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.rootStack = QStackedWidget(self.centralWidget)
        self.rootStack.setObjectName(u"rootStack")
        self.workPage = QWidget()
        self.workPage.setObjectName(u"workPage")
        self.workLayout = QHBoxLayout(self.workPage)
        self.workLayout.setSpacing(0)
        self.workLayout.setObjectName(u"workLayout")
        self.workLayout.setContentsMargins(0, 0, 0, 0)
        self.navigator = QListWidget(self.workPage)
        self.navigator.setObjectName(u"navigator")
        self.navigator.setMinimumSize(QSize(210, 0))
        self.navigator.setMaximumSize(QSize(210, 16777215))
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.workLayout.addWidget(self.navigator)

        self.workspaceStack = QStackedWidget(self.workPage)
        self.workspaceStack.setObjectName(u"workspaceStack")

        self.workLayout.addWidget(self.workspaceStack)

        self.rootStack.addWidget(self.workPage)
        self.lockPage = QWidget()
        self.lockPage.setObjectName(u"lockPage")
        self.lockOuterLayout = QVBoxLayout(self.lockPage)
        self.lockOuterLayout.setObjectName(u"lockOuterLayout")
        self.lockTopSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.lockOuterLayout.addItem(self.lockTopSpacer)

        self.lockCenterLayout = QHBoxLayout()
        self.lockCenterLayout.setObjectName(u"lockCenterLayout")
        self.lockLeftSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.lockCenterLayout.addItem(self.lockLeftSpacer)

        self.lockPanel = QFrame(self.lockPage)
        self.lockPanel.setObjectName(u"lockPanel")
        self.lockPanel.setMinimumSize(QSize(440, 0))
        self.lockPanel.setMaximumSize(QSize(440, 16777215))
        self.lockPanel.setFrameShape(QFrame.StyledPanel)
        self.lockLayout = QVBoxLayout(self.lockPanel)
        self.lockLayout.setSpacing(10)
        self.lockLayout.setObjectName(u"lockLayout")
        self.lockLayout.setContentsMargins(28, 24, 28, 24)
        self.lockTitleLabel = QLabel(self.lockPanel)
        self.lockTitleLabel.setObjectName(u"lockTitleLabel")
        self.lockTitleLabel.setProperty(u"role", u"title")

        self.lockLayout.addWidget(self.lockTitleLabel)

        self.lockUserLabel = QLabel(self.lockPanel)
        self.lockUserLabel.setObjectName(u"lockUserLabel")
        self.lockUserLabel.setText(u"Signed in")
        self.lockUserLabel.setWordWrap(True)

        self.lockLayout.addWidget(self.lockUserLabel)

        self.lockHintLabel = QLabel(self.lockPanel)
        self.lockHintLabel.setObjectName(u"lockHintLabel")
        self.lockHintLabel.setWordWrap(True)
        self.lockHintLabel.setProperty(u"role", u"hint")

        self.lockLayout.addWidget(self.lockHintLabel)

        self.lockForm = QFormLayout()
        self.lockForm.setObjectName(u"lockForm")
        self.lockPasswordLabel = QLabel(self.lockPanel)
        self.lockPasswordLabel.setObjectName(u"lockPasswordLabel")

        self.lockForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.lockPasswordLabel)

        self.lockPasswordEdit = QLineEdit(self.lockPanel)
        self.lockPasswordEdit.setObjectName(u"lockPasswordEdit")
        self.lockPasswordEdit.setEchoMode(QLineEdit.Password)

        self.lockForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.lockPasswordEdit)


        self.lockLayout.addLayout(self.lockForm)

        self.lockErrorLabel = QLabel(self.lockPanel)
        self.lockErrorLabel.setObjectName(u"lockErrorLabel")
        self.lockErrorLabel.setWordWrap(True)
        self.lockErrorLabel.setProperty(u"role", u"error")

        self.lockLayout.addWidget(self.lockErrorLabel)

        self.lockButtons = QHBoxLayout()
        self.lockButtons.setObjectName(u"lockButtons")
        self.signOutButton = QPushButton(self.lockPanel)
        self.signOutButton.setObjectName(u"signOutButton")
        self.signOutButton.setAutoDefault(False)

        self.lockButtons.addWidget(self.signOutButton)

        self.lockButtonSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.lockButtons.addItem(self.lockButtonSpacer)

        self.unlockButton = QPushButton(self.lockPanel)
        self.unlockButton.setObjectName(u"unlockButton")

        self.lockButtons.addWidget(self.unlockButton)


        self.lockLayout.addLayout(self.lockButtons)


        self.lockCenterLayout.addWidget(self.lockPanel)

        self.lockRightSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.lockCenterLayout.addItem(self.lockRightSpacer)


        self.lockOuterLayout.addLayout(self.lockCenterLayout)

        self.lockBottomSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.lockOuterLayout.addItem(self.lockBottomSpacer)

        self.rootStack.addWidget(self.lockPage)

        self.centralLayout.addWidget(self.rootStack)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.fileMenu = QMenu(self.menuBar)
        self.fileMenu.setObjectName(u"fileMenu")
        self.goMenu = QMenu(self.menuBar)
        self.goMenu.setObjectName(u"goMenu")
        MainWindow.setMenuBar(self.menuBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)
#if QT_CONFIG(shortcut)
        self.lockPasswordLabel.setBuddy(self.lockPasswordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.navigator, self.lockPasswordEdit)
        QWidget.setTabOrder(self.lockPasswordEdit, self.unlockButton)
        QWidget.setTabOrder(self.unlockButton, self.signOutButton)

        self.menuBar.addAction(self.fileMenu.menuAction())
        self.menuBar.addAction(self.goMenu.menuAction())
        self.fileMenu.addAction(self.actionSave)
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.actionLock)
        self.fileMenu.addAction(self.actionSignOut)
        self.fileMenu.addSeparator()
        self.fileMenu.addAction(self.actionQuit)

        self.retranslateUi(MainWindow)

        self.unlockButton.setDefault(True)


        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"MedBill Desktop", None))
        self.actionSave.setText(QCoreApplication.translate("MainWindow", u"&Save", None))
        self.actionLock.setText(QCoreApplication.translate("MainWindow", u"&Lock screen", None))
        self.actionSignOut.setText(QCoreApplication.translate("MainWindow", u"Sign &out", None))
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(accessibility)
        self.navigator.setAccessibleName(QCoreApplication.translate("MainWindow", u"Workspaces", None))
#endif // QT_CONFIG(accessibility)
        self.lockTitleLabel.setText(QCoreApplication.translate("MainWindow", u"This workstation is locked", None))
        self.lockHintLabel.setText(QCoreApplication.translate("MainWindow", u"Enter your password to go back to your work, or sign out so that someone else can sign in.", None))
        self.lockPasswordLabel.setText(QCoreApplication.translate("MainWindow", u"&Password", None))
        self.lockErrorLabel.setText("")
        self.signOutButton.setText(QCoreApplication.translate("MainWindow", u"Sign &out", None))
        self.unlockButton.setText(QCoreApplication.translate("MainWindow", u"&Unlock", None))
        self.fileMenu.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.goMenu.setTitle(QCoreApplication.translate("MainWindow", u"&Go", None))
    # retranslateUi

