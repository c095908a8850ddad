# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'front_desk.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QVBoxLayout, QWidget)

class Ui_FrontDeskPage(object):
    def setupUi(self, FrontDeskPage):
        if not FrontDeskPage.objectName():
            FrontDeskPage.setObjectName(u"FrontDeskPage")
        FrontDeskPage.resize(1060, 720)
        self.mainLayout = QVBoxLayout(FrontDeskPage)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(24, 18, 24, 16)
        self.titleLabel = QLabel(FrontDeskPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.searchLayout = QHBoxLayout()
        self.searchLayout.setSpacing(10)
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(FrontDeskPage)
        self.searchLabel.setObjectName(u"searchLabel")
        self.searchLabel.setProperty(u"role", u"section")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(FrontDeskPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.newPatientButton = QPushButton(FrontDeskPage)
        self.newPatientButton.setObjectName(u"newPatientButton")

        self.searchLayout.addWidget(self.newPatientButton)

        self.searchLayout.setStretch(1, 1)

        self.mainLayout.addLayout(self.searchLayout)

        self.splitter = QSplitter(FrontDeskPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.resultsPane = QWidget(self.splitter)
        self.resultsPane.setObjectName(u"resultsPane")
        self.resultsLayout = QVBoxLayout(self.resultsPane)
        self.resultsLayout.setSpacing(6)
        self.resultsLayout.setObjectName(u"resultsLayout")
        self.resultsLayout.setContentsMargins(0, 0, 0, 0)
        self.resultsTable = QTableView(self.resultsPane)
        self.resultsTable.setObjectName(u"resultsTable")
        self.resultsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.resultsTable.setAlternatingRowColors(True)
        self.resultsTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.resultsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.resultsTable.setTabKeyNavigation(False)

        self.resultsLayout.addWidget(self.resultsTable)

        self.resultsLabel = QLabel(self.resultsPane)
        self.resultsLabel.setObjectName(u"resultsLabel")
        self.resultsLabel.setText(u"")
        self.resultsLabel.setWordWrap(True)
        self.resultsLabel.setProperty(u"role", u"hint")

        self.resultsLayout.addWidget(self.resultsLabel)

        self.splitter.addWidget(self.resultsPane)
        self.detailPane = QFrame(self.splitter)
        self.detailPane.setObjectName(u"detailPane")
        self.detailPane.setProperty(u"role", u"card")
        self.detailLayout = QVBoxLayout(self.detailPane)
        self.detailLayout.setSpacing(8)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(16, 14, 16, 14)
        self.patientNameLabel = QLabel(self.detailPane)
        self.patientNameLabel.setObjectName(u"patientNameLabel")
        self.patientNameLabel.setProperty(u"role", u"patientName")

        self.detailLayout.addWidget(self.patientNameLabel)

        self.patientDetailsLabel = QLabel(self.detailPane)
        self.patientDetailsLabel.setObjectName(u"patientDetailsLabel")
        self.patientDetailsLabel.setWordWrap(True)
        self.patientDetailsLabel.setTextFormat(Qt.RichText)

        self.detailLayout.addWidget(self.patientDetailsLabel)

        self.patientActionsLayout = QHBoxLayout()
        self.patientActionsLayout.setSpacing(8)
        self.patientActionsLayout.setObjectName(u"patientActionsLayout")
        self.checkInButton = QPushButton(self.detailPane)
        self.checkInButton.setObjectName(u"checkInButton")

        self.patientActionsLayout.addWidget(self.checkInButton)

        self.paymentButton = QPushButton(self.detailPane)
        self.paymentButton.setObjectName(u"paymentButton")

        self.patientActionsLayout.addWidget(self.paymentButton)

        self.accountButton = QPushButton(self.detailPane)
        self.accountButton.setObjectName(u"accountButton")

        self.patientActionsLayout.addWidget(self.accountButton)

        self.editPatientButton = QPushButton(self.detailPane)
        self.editPatientButton.setObjectName(u"editPatientButton")

        self.patientActionsLayout.addWidget(self.editPatientButton)

        self.patientActionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.patientActionsLayout.addItem(self.patientActionsSpacer)


        self.detailLayout.addLayout(self.patientActionsLayout)

        self.warningsLabel = QLabel(self.detailPane)
        self.warningsLabel.setObjectName(u"warningsLabel")
        self.warningsLabel.setText(u"")
        self.warningsLabel.setWordWrap(True)
        self.warningsLabel.setProperty(u"role", u"warning")
        self.warningsLabel.setTextFormat(Qt.PlainText)

        self.detailLayout.addWidget(self.warningsLabel)

        self.coverageTitle = QLabel(self.detailPane)
        self.coverageTitle.setObjectName(u"coverageTitle")
        self.coverageTitle.setProperty(u"role", u"section")

        self.detailLayout.addWidget(self.coverageTitle)

        self.coveragesTable = QTableView(self.detailPane)
        self.coveragesTable.setObjectName(u"coveragesTable")
        self.coveragesTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.coveragesTable.setAlternatingRowColors(True)
        self.coveragesTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.coveragesTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.coveragesTable.setTabKeyNavigation(False)

        self.detailLayout.addWidget(self.coveragesTable)

        self.coverageButtonsLayout = QHBoxLayout()
        self.coverageButtonsLayout.setSpacing(8)
        self.coverageButtonsLayout.setObjectName(u"coverageButtonsLayout")
        self.addCoverageButton = QPushButton(self.detailPane)
        self.addCoverageButton.setObjectName(u"addCoverageButton")

        self.coverageButtonsLayout.addWidget(self.addCoverageButton)

        self.editCoverageButton = QPushButton(self.detailPane)
        self.editCoverageButton.setObjectName(u"editCoverageButton")

        self.coverageButtonsLayout.addWidget(self.editCoverageButton)

        self.removeCoverageButton = QPushButton(self.detailPane)
        self.removeCoverageButton.setObjectName(u"removeCoverageButton")

        self.coverageButtonsLayout.addWidget(self.removeCoverageButton)

        self.eligibilityButton = QPushButton(self.detailPane)
        self.eligibilityButton.setObjectName(u"eligibilityButton")

        self.coverageButtonsLayout.addWidget(self.eligibilityButton)

        self.coverageButtonsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.coverageButtonsLayout.addItem(self.coverageButtonsSpacer)


        self.detailLayout.addLayout(self.coverageButtonsLayout)

        self.checksTitle = QLabel(self.detailPane)
        self.checksTitle.setObjectName(u"checksTitle")
        self.checksTitle.setProperty(u"role", u"section")

        self.detailLayout.addWidget(self.checksTitle)

        self.checksTable = QTableView(self.detailPane)
        self.checksTable.setObjectName(u"checksTable")
        self.checksTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.checksTable.setAlternatingRowColors(True)
        self.checksTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.checksTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.checksTable.setTabKeyNavigation(False)

        self.detailLayout.addWidget(self.checksTable)

        self.detailLayout.setStretch(5, 3)
        self.detailLayout.setStretch(8, 2)
        self.splitter.addWidget(self.detailPane)

        self.mainLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.newPatientButton)
        QWidget.setTabOrder(self.newPatientButton, self.resultsTable)
        QWidget.setTabOrder(self.resultsTable, self.checkInButton)
        QWidget.setTabOrder(self.checkInButton, self.paymentButton)
        QWidget.setTabOrder(self.paymentButton, self.accountButton)
        QWidget.setTabOrder(self.accountButton, self.editPatientButton)
        QWidget.setTabOrder(self.editPatientButton, self.coveragesTable)
        QWidget.setTabOrder(self.coveragesTable, self.addCoverageButton)
        QWidget.setTabOrder(self.addCoverageButton, self.editCoverageButton)
        QWidget.setTabOrder(self.editCoverageButton, self.removeCoverageButton)
        QWidget.setTabOrder(self.removeCoverageButton, self.eligibilityButton)
        QWidget.setTabOrder(self.eligibilityButton, self.checksTable)

        self.retranslateUi(FrontDeskPage)

        self.checkInButton.setDefault(True)


        QMetaObject.connectSlotsByName(FrontDeskPage)
    # setupUi

    def retranslateUi(self, FrontDeskPage):
        self.titleLabel.setText(QCoreApplication.translate("FrontDeskPage", u"Front desk", None))
        self.searchLabel.setText(QCoreApplication.translate("FrontDeskPage", u"Fin&d a patient", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("FrontDeskPage", u"name (last, first), date of birth MM/DD/YYYY, account number or phone", None))
        self.newPatientButton.setText(QCoreApplication.translate("FrontDeskPage", u"&New patient\u2026  (Ctrl+N)", None))
#if QT_CONFIG(accessibility)
        self.resultsTable.setAccessibleName(QCoreApplication.translate("FrontDeskPage", u"Patients found", None))
#endif // QT_CONFIG(accessibility)
        self.patientNameLabel.setText(QCoreApplication.translate("FrontDeskPage", u"No patient chosen", None))
        self.patientDetailsLabel.setText(QCoreApplication.translate("FrontDeskPage", u"Find a patient on the left, or register a new one.", None))
        self.checkInButton.setText(QCoreApplication.translate("FrontDeskPage", u"&Check in\u2026", None))
        self.paymentButton.setText(QCoreApplication.translate("FrontDeskPage", u"Take pa&yment\u2026", None))
        self.accountButton.setText(QCoreApplication.translate("FrontDeskPage", u"Account &summary\u2026", None))
        self.editPatientButton.setText(QCoreApplication.translate("FrontDeskPage", u"&Edit patient\u2026", None))
        self.coverageTitle.setText(QCoreApplication.translate("FrontDeskPage", u"Insurance, in billing order", None))
#if QT_CONFIG(accessibility)
        self.coveragesTable.setAccessibleName(QCoreApplication.translate("FrontDeskPage", u"Coverages", None))
#endif // QT_CONFIG(accessibility)
        self.addCoverageButton.setText(QCoreApplication.translate("FrontDeskPage", u"&Add coverage\u2026", None))
        self.editCoverageButton.setText(QCoreApplication.translate("FrontDeskPage", u"Ed&it\u2026", None))
        self.removeCoverageButton.setText(QCoreApplication.translate("FrontDeskPage", u"Remo&ve", None))
        self.eligibilityButton.setText(QCoreApplication.translate("FrontDeskPage", u"Record e&ligibility check\u2026", None))
        self.checksTitle.setText(QCoreApplication.translate("FrontDeskPage", u"Eligibility checks of the chosen coverage", None))
#if QT_CONFIG(accessibility)
        self.checksTable.setAccessibleName(QCoreApplication.translate("FrontDeskPage", u"Eligibility checks", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

