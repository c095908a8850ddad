# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'home.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QGroupBox,
    QLabel, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_HomePage(object):
    def setupUi(self, HomePage):
        if not HomePage.objectName():
            HomePage.setObjectName(u"HomePage")
        HomePage.resize(1000, 700)
        self.mainLayout = QVBoxLayout(HomePage)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(28, 22, 28, 20)
        self.practiceNameLabel = QLabel(HomePage)
        self.practiceNameLabel.setObjectName(u"practiceNameLabel")
        self.practiceNameLabel.setText(u"Loading\u2026")
        self.practiceNameLabel.setWordWrap(True)
        self.practiceNameLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.practiceNameLabel)

        self.practiceDetailsLabel = QLabel(HomePage)
        self.practiceDetailsLabel.setObjectName(u"practiceDetailsLabel")
        self.practiceDetailsLabel.setText(u"")
        self.practiceDetailsLabel.setWordWrap(True)
        self.practiceDetailsLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.practiceDetailsLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.practiceDetailsLabel)

        self.welcomeLabel = QLabel(HomePage)
        self.welcomeLabel.setObjectName(u"welcomeLabel")
        self.welcomeLabel.setText(u"")
        self.welcomeLabel.setWordWrap(True)
        self.welcomeLabel.setProperty(u"role", u"welcome")

        self.mainLayout.addWidget(self.welcomeLabel)

        self.factsGrid = QGridLayout()
        self.factsGrid.setObjectName(u"factsGrid")
        self.factsGrid.setHorizontalSpacing(14)
        self.factsGrid.setVerticalSpacing(14)
        self.usersCard = QFrame(HomePage)
        self.usersCard.setObjectName(u"usersCard")
        self.usersCard.setFrameShape(QFrame.StyledPanel)
        self.usersCard.setProperty(u"role", u"card")
        self.usersCardLayout = QVBoxLayout(self.usersCard)
        self.usersCardLayout.setSpacing(2)
        self.usersCardLayout.setObjectName(u"usersCardLayout")
        self.usersCardLayout.setContentsMargins(16, 12, 16, 12)
        self.usersValue = QLabel(self.usersCard)
        self.usersValue.setObjectName(u"usersValue")
        self.usersValue.setText(u"0")
        self.usersValue.setWordWrap(True)
        self.usersValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.usersValue.setProperty(u"role", u"factValue")

        self.usersCardLayout.addWidget(self.usersValue)

        self.usersCaption = QLabel(self.usersCard)
        self.usersCaption.setObjectName(u"usersCaption")
        self.usersCaption.setProperty(u"role", u"hint")

        self.usersCardLayout.addWidget(self.usersCaption)


        self.factsGrid.addWidget(self.usersCard, 0, 0, 1, 1)

        self.auditCard = QFrame(HomePage)
        self.auditCard.setObjectName(u"auditCard")
        self.auditCard.setFrameShape(QFrame.StyledPanel)
        self.auditCard.setProperty(u"role", u"card")
        self.auditCardLayout = QVBoxLayout(self.auditCard)
        self.auditCardLayout.setSpacing(2)
        self.auditCardLayout.setObjectName(u"auditCardLayout")
        self.auditCardLayout.setContentsMargins(16, 12, 16, 12)
        self.auditValue = QLabel(self.auditCard)
        self.auditValue.setObjectName(u"auditValue")
        self.auditValue.setText(u"0")
        self.auditValue.setWordWrap(True)
        self.auditValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.auditValue.setProperty(u"role", u"factValue")

        self.auditCardLayout.addWidget(self.auditValue)

        self.auditCaption = QLabel(self.auditCard)
        self.auditCaption.setObjectName(u"auditCaption")
        self.auditCaption.setProperty(u"role", u"hint")

        self.auditCardLayout.addWidget(self.auditCaption)


        self.factsGrid.addWidget(self.auditCard, 0, 1, 1, 1)

        self.outboxCard = QFrame(HomePage)
        self.outboxCard.setObjectName(u"outboxCard")
        self.outboxCard.setFrameShape(QFrame.StyledPanel)
        self.outboxCard.setProperty(u"role", u"card")
        self.outboxCardLayout = QVBoxLayout(self.outboxCard)
        self.outboxCardLayout.setSpacing(2)
        self.outboxCardLayout.setObjectName(u"outboxCardLayout")
        self.outboxCardLayout.setContentsMargins(16, 12, 16, 12)
        self.outboxValue = QLabel(self.outboxCard)
        self.outboxValue.setObjectName(u"outboxValue")
        self.outboxValue.setText(u"0")
        self.outboxValue.setWordWrap(True)
        self.outboxValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.outboxValue.setProperty(u"role", u"factValue")

        self.outboxCardLayout.addWidget(self.outboxValue)

        self.outboxCaption = QLabel(self.outboxCard)
        self.outboxCaption.setObjectName(u"outboxCaption")
        self.outboxCaption.setProperty(u"role", u"hint")

        self.outboxCardLayout.addWidget(self.outboxCaption)


        self.factsGrid.addWidget(self.outboxCard, 0, 2, 1, 1)

        self.workstationCard = QFrame(HomePage)
        self.workstationCard.setObjectName(u"workstationCard")
        self.workstationCard.setFrameShape(QFrame.StyledPanel)
        self.workstationCard.setProperty(u"role", u"card")
        self.workstationCardLayout = QVBoxLayout(self.workstationCard)
        self.workstationCardLayout.setSpacing(2)
        self.workstationCardLayout.setObjectName(u"workstationCardLayout")
        self.workstationCardLayout.setContentsMargins(16, 12, 16, 12)
        self.workstationValue = QLabel(self.workstationCard)
        self.workstationValue.setObjectName(u"workstationValue")
        self.workstationValue.setText(u"\u2014")
        self.workstationValue.setWordWrap(True)
        self.workstationValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.workstationValue.setProperty(u"role", u"factValue")

        self.workstationCardLayout.addWidget(self.workstationValue)

        self.workstationCaption = QLabel(self.workstationCard)
        self.workstationCaption.setObjectName(u"workstationCaption")
        self.workstationCaption.setProperty(u"role", u"hint")

        self.workstationCardLayout.addWidget(self.workstationCaption)


        self.factsGrid.addWidget(self.workstationCard, 1, 0, 1, 1)

        self.lastSignInCard = QFrame(HomePage)
        self.lastSignInCard.setObjectName(u"lastSignInCard")
        self.lastSignInCard.setFrameShape(QFrame.StyledPanel)
        self.lastSignInCard.setProperty(u"role", u"card")
        self.lastSignInCardLayout = QVBoxLayout(self.lastSignInCard)
        self.lastSignInCardLayout.setSpacing(2)
        self.lastSignInCardLayout.setObjectName(u"lastSignInCardLayout")
        self.lastSignInCardLayout.setContentsMargins(16, 12, 16, 12)
        self.lastSignInValue = QLabel(self.lastSignInCard)
        self.lastSignInValue.setObjectName(u"lastSignInValue")
        self.lastSignInValue.setText(u"\u2014")
        self.lastSignInValue.setWordWrap(True)
        self.lastSignInValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.lastSignInValue.setProperty(u"role", u"factValue")

        self.lastSignInCardLayout.addWidget(self.lastSignInValue)

        self.lastSignInCaption = QLabel(self.lastSignInCard)
        self.lastSignInCaption.setObjectName(u"lastSignInCaption")
        self.lastSignInCaption.setProperty(u"role", u"hint")

        self.lastSignInCardLayout.addWidget(self.lastSignInCaption)


        self.factsGrid.addWidget(self.lastSignInCard, 1, 1, 1, 1)

        self.databaseCard = QFrame(HomePage)
        self.databaseCard.setObjectName(u"databaseCard")
        self.databaseCard.setFrameShape(QFrame.StyledPanel)
        self.databaseCard.setProperty(u"role", u"card")
        self.databaseCardLayout = QVBoxLayout(self.databaseCard)
        self.databaseCardLayout.setSpacing(2)
        self.databaseCardLayout.setObjectName(u"databaseCardLayout")
        self.databaseCardLayout.setContentsMargins(16, 12, 16, 12)
        self.databaseValue = QLabel(self.databaseCard)
        self.databaseValue.setObjectName(u"databaseValue")
        self.databaseValue.setText(u"\u2014")
        self.databaseValue.setWordWrap(True)
        self.databaseValue.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.databaseValue.setProperty(u"role", u"factValue")

        self.databaseCardLayout.addWidget(self.databaseValue)

        self.databaseCaption = QLabel(self.databaseCard)
        self.databaseCaption.setObjectName(u"databaseCaption")
        self.databaseCaption.setProperty(u"role", u"hint")

        self.databaseCardLayout.addWidget(self.databaseCaption)


        self.factsGrid.addWidget(self.databaseCard, 1, 2, 1, 1)


        self.mainLayout.addLayout(self.factsGrid)

        self.keyboardGroup = QGroupBox(HomePage)
        self.keyboardGroup.setObjectName(u"keyboardGroup")
        self.keyboardLayout = QVBoxLayout(self.keyboardGroup)
        self.keyboardLayout.setObjectName(u"keyboardLayout")
        self.shortcutsLabel = QLabel(self.keyboardGroup)
        self.shortcutsLabel.setObjectName(u"shortcutsLabel")
        self.shortcutsLabel.setText(u"")
        self.shortcutsLabel.setTextFormat(Qt.RichText)

        self.keyboardLayout.addWidget(self.shortcutsLabel)


        self.mainLayout.addWidget(self.keyboardGroup)

        self.bottomSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)


        self.retranslateUi(HomePage)

        QMetaObject.connectSlotsByName(HomePage)
    # setupUi

    def retranslateUi(self, HomePage):
        self.usersCaption.setText(QCoreApplication.translate("HomePage", u"Active users", None))
        self.auditCaption.setText(QCoreApplication.translate("HomePage", u"Audit log entries", None))
        self.outboxCaption.setText(QCoreApplication.translate("HomePage", u"Changes waiting to sync", None))
        self.workstationCaption.setText(QCoreApplication.translate("HomePage", u"This workstation", None))
        self.lastSignInCaption.setText(QCoreApplication.translate("HomePage", u"Your previous sign-in", None))
        self.databaseCaption.setText(QCoreApplication.translate("HomePage", u"Database", None))
        self.keyboardGroup.setTitle(QCoreApplication.translate("HomePage", u"Keyboard", None))
        pass
    # retranslateUi

